// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Domain modules: each a package under packages/, depending on @cchc/core only. */
const MODULES = ['directives', 'dossiers', 'indices', 'assessment', 'surveys', 'feedback', 'inspections', 'initiatives', 'reports'];

export default tseslint.config(
  {
    ignores: [
      '.tmp/**',
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'reference-data/**',
      'packages/api-client/src/schema.d.ts',
      'screenshots/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  // A module depends on core only: figures cross modules through core, never by importing each other.
  ...MODULES.map((m) => ({
    files: [`packages/${m}/src/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: MODULES.filter((o) => o !== m).flatMap((o) => [`@cchc/${o}`, `@cchc/${o}/*`, `**/${o}/src/**`]),
              message: 'Một module chỉ phụ thuộc vào core (xem README, Architecture).',
            },
          ],
        },
      ],
    },
  })),
  // The web builds no API address by hand: `urlFor` (downloads) and `upload`/`uploadForm` (files) are
  // typed from the OpenAPI document, so a renamed route or parameter fails the type check.
  {
    files: ['apps/web/src/**'],
    ignores: ['apps/web/src/lib/api.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TemplateLiteral:has(TemplateElement[value.raw=/^\\/api\\//])',
          message: 'Không tự ghép địa chỉ API: dùng urlFor(...) hoặc upload(...) của lib/api.',
        },
        { selector: "NewExpression[callee.name='FormData']", message: 'Dùng uploadForm(...) của lib/api.' },
      ],
    },
  },
  // A web module is a folder under apps/web/src/modules: it imports the shared lib, not another module.
  ...MODULES.map((m) => ({
    files: [`apps/web/src/modules/${m}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Its own package only through the browser-safe rules it exports (`@cchc/surveys/rules`), never the server.
          paths: [{ name: `@cchc/${m}`, message: 'Giao diện chỉ dùng phần quy tắc dùng chung của phân hệ (…/rules).' }],
          patterns: [
            {
              group: MODULES.filter((o) => o !== m).flatMap((o) => [`**/modules/${o}/**`, `@cchc/${o}`, `@cchc/${o}/*`]),
              message: 'Một phân hệ giao diện không dùng trang của phân hệ khác.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['scripts/**', 'bench/**', 'e2e/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
