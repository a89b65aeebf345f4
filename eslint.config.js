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
  {
    files: ['scripts/**', 'bench/**', 'e2e/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
