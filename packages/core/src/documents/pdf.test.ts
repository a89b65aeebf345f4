import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { blocksToPdf, renderPdf } from './pdf';

const report = (rows: number) =>
  blocksToPdf({
    heading: ['UBND TỈNH VĨNH LONG', 'SỞ NỘI VỤ'],
    title: 'BÁO CÁO\nTình hình giải quyết hồ sơ',
    subtitle: 'Số liệu đến ngày 23/11/2026',
    body: [
      { type: 'heading', text: '1. Kết quả chung' },
      { type: 'paragraph', text: 'Tiếp nhận 1.234 hồ sơ; đúng hạn 92,5 %.' },
      {
        type: 'table',
        columns: ['Cơ quan, đơn vị', 'Tiếp nhận', 'Trễ hạn'],
        rows: Array.from({ length: rows }, (_, i) => [`Ủy ban nhân dân xã Số ${i + 1}`, '1.234', String(i)]),
      },
    ],
  });

describe('renderPdf', () => {
  it('writes an A4 PDF with the Vietnamese text, tables repeating their header', async () => {
    const pdf = await renderPdf(report(3));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Page size A4 (595.28 × 841.89 pt) and the Roboto font embedded.
    expect(pdf.toString('latin1')).toMatch(/MediaBox \[0 0 595\.2\d+ 841\.8\d+\]/);
    expect(pdf.toString('latin1')).toContain('Roboto');
    const doc = report(3) as { content: { table?: { headerRows: number } }[] };
    expect(doc.content.find((c) => c.table)!.table!.headerRows).toBe(1);
    // The streams decode (the bytes came back whole from the worker).
    const stream = /stream\r?\n/.exec(pdf.toString('latin1'))!;
    expect(() => inflateSync(pdf.subarray(stream.index + stream[0].length))).not.toThrow();
  });

  it('lays the document out off the event loop: timers keep firing while a long report is written', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const pdfs = await Promise.all([renderPdf(report(400)), renderPdf(report(400))]);
    clearInterval(timer);
    expect(pdfs.every((p) => p.subarray(0, 5).toString() === '%PDF-')).toBe(true);
    expect(ticks).toBeGreaterThan(20);
  });

  it('fails a bad document with a Vietnamese message and keeps working for the next', async () => {
    await expect(renderPdf({ content: [{ table: { body: 'không phải bảng' } }] })).rejects.toThrow('Không tạo được tệp PDF');
    expect((await renderPdf(report(1))).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
