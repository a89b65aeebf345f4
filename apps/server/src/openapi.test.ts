import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';

const committed = path.resolve(import.meta.dirname, '../../../packages/api-client/openapi.json');

describe('OpenAPI document', () => {
  // Built once for both tests: it registers every module's routes (~5 s on two busy cores).
  let built: unknown;
  beforeAll(async () => {
    built = await buildOpenApiDocument();
  }, 60_000);

  it('matches the committed API client (run `npm run gen:api` after changing a route)', () => {
    const doc = built;
    expect(JSON.parse(fs.readFileSync(committed, 'utf8'))).toEqual(doc);
  });

  it('gives every route an operationId, a summary in Vietnamese and a response schema', () => {
    const doc = built as {
      paths: Record<string, Record<string, { operationId?: string; summary?: string; responses?: object }>>;
    };
    const problems: string[] = [];
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) {
        if (!op.operationId) problems.push(`${m} ${p}: no operationId`);
        if (!op.summary) problems.push(`${m} ${p}: no summary`);
        if (!op.responses || !('200' in op.responses || '201' in op.responses || '204' in op.responses))
          problems.push(`${m} ${p}: no success response`);
      }
    }
    expect(problems).toEqual([]);
  });
});
