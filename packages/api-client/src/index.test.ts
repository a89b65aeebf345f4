import { describe, expect, it } from 'vitest';
import { uploadForm, uploadUrl, urlFor } from './index';

describe('typed addresses', () => {
  it('fills path placeholders (encoded) and leaves out empty query values', () => {
    expect(urlFor('/api/evidence/{id}', { path: { id: 12 } })).toBe('/api/evidence/12');
    expect(urlFor('/api/dossiers/apologies.xlsx', { query: { from: '2026-01-01', to: '2026-06-30', unit: undefined } })).toBe(
      '/api/dossiers/apologies.xlsx?from=2026-01-01&to=2026-06-30',
    );
    expect(urlFor('/api/directives/report.docx', { query: { from: '2026-01-01', to: '2026-06-30', label: '6 tháng đầu năm' } })).toBe(
      '/api/directives/report.docx?from=2026-01-01&to=2026-06-30&label=6+th%C3%A1ng+%C4%91%E1%BA%A7u+n%C4%83m',
    );
    expect(uploadUrl('/api/tasks/{id}/reports/{period}/evidence', { id: 3, period: '2026-Q4' })).toBe(
      '/api/tasks/3/reports/2026-Q4/evidence',
    );
  });

  it('refuses to build an address with a placeholder missing', () => {
    expect(() => urlFor('/api/evidence/{id}', { path: {} as { id: number } })).toThrow(/thiếu tham số id/);
  });

  it('puts the fields before the file in an upload form', () => {
    const form = uploadForm(new Blob(['x']), 'a.csv', { mappingId: 4, skip: undefined });
    expect([...form.keys()]).toEqual(['mappingId', 'file']);
    expect(form.get('mappingId')).toBe('4');
  });
});
