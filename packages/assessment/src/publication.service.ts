/**
 * Publication of a round: once every unit of the group has its final points, Sở Nội vụ records the
 * People's Committee's decision (number, date) and the round appears on the public page. The decision
 * announcing the index is drafted as DOCX in the Decree 30 layout, the ranking as its annex.
 */
import {
  AppError,
  authorize,
  formatDate,
  formatFixed,
  getUnitByCode,
  inTransaction,
  officialDocx,
  recordAudit,
  systemActor,
  type Actor,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import * as repo from './assessment.repository';
import { loadRound } from './round.access';
import { resultsOf } from './round.service';

const GROUP_LABELS = { department: 'các sở, ban, ngành tỉnh', commune: 'các xã, phường, đặc khu', province: 'tỉnh' } as const;

export async function publishRound(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  roundId: number,
  input: { decisionNumber: string; decisionDate: string },
) {
  authorize(actor, 'assessment.manage');
  const round = await loadRound(s, roundId);
  if (round.publishedAt)
    throw new AppError(
      'ALREADY_PUBLISHED',
      `Đợt đánh giá đã được công bố theo quyết định ${round.decisionNumber ?? ''} ngày ${formatDate(round.decisionDate ?? '')}.`,
      409,
    );
  const units = await repo.groupUnits(s.db, s.provinceCode, round.unitGroup, `${round.year}-12-31`);
  const final = new Set((await repo.sheetsOf(s.db, roundId)).filter((x) => x.state === 'final').map((x) => Number(x.unitId)));
  const open = units.filter((u) => !final.has(Number(u.id)));
  if (open.length)
    throw new AppError(
      'NOT_FINAL',
      `Chưa công bố được: ${open.length} đơn vị chưa được chốt điểm (${open
        .slice(0, 5)
        .map((u) => u.name)
        .join(', ')}${open.length > 5 ? ', …' : ''}).`,
      409,
    );
  await inTransaction(s.db, async (tx) => {
    await tx
      .updateTable('assessmentRound')
      .set({
        publishedAt: s.now(),
        publishedBy: actor.userId || null,
        decisionNumber: input.decisionNumber.trim(),
        decisionDate: input.decisionDate,
      })
      .where('id', '=', roundId)
      .execute();
    await recordAudit(tx, ctx, 'assessment.round.publish', {
      entityType: 'assessment_round',
      entityId: roundId,
      before: { publishedAt: null },
      after: { decisionNumber: input.decisionNumber.trim(), decisionDate: input.decisionDate },
    });
  });
  return { id: roundId, publishedAt: s.now().toISOString() };
}

/** The published rounds with their ranking (no login): what the province announced, nothing more. */
export async function publicResults(s: AppServices, year?: number) {
  const rounds = (await repo.listRounds(s.db, s.provinceCode)).filter((r) => r.publishedAt && (!year || r.year === year));
  const out = [];
  for (const r of rounds) {
    const round = await loadRound(s, Number(r.id));
    // Computed criteria are read as the system (the public sees the announced result, not the records).
    const { rows } = await resultsOf(s, systemActor(s.provinceCode, 'Công khai'), round);
    out.push({
      roundId: Number(r.id),
      year: r.year,
      unitGroup: r.unitGroup as 'department' | 'commune',
      groupLabel: GROUP_LABELS[r.unitGroup as keyof typeof GROUP_LABELS],
      decisionNumber: round.decisionNumber,
      decisionDate: round.decisionDate,
      publishedAt: new Date(r.publishedAt!).toISOString(),
      rows: rows.map((x) => ({ rank: x.rank, unitName: x.unitName, index: x.index, band: x.band })),
    });
  }
  return out;
}

/** The draft decision announcing the index, with the ranking as its annex (Decree 30 layout). */
export async function decisionDocx(s: AppServices, actor: Actor, roundId: number) {
  authorize(actor, 'assessment.results');
  const round = await loadRound(s, roundId);
  const { rows } = await resultsOf(s, actor, round);
  const province = await getUnitByCode(s, s.provinceCode);
  const provinceName = province?.name ?? s.provinceCode;
  const place = provinceName.replace(/^(Tỉnh|Thành phố) /, '');
  const group = GROUP_LABELS[round.unitGroup];
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.band, (counts.get(r.band) ?? 0) + 1);
  const data = await officialDocx({
    issuer: `ỦY BAN NHÂN DÂN ${provinceName.toUpperCase()}`,
    number: round.decisionNumber ? `Số: ${round.decisionNumber}` : 'Số:      /QĐ-UBND',
    place,
    date: round.decisionDate ?? s.today(),
    kind: 'QUYẾT ĐỊNH',
    title: `Công bố Chỉ số cải cách hành chính năm ${round.year} của ${group}`,
    body: [
      { type: 'paragraph', text: `CHỦ TỊCH ỦY BAN NHÂN DÂN ${provinceName.toUpperCase()}`, bold: true },
      { type: 'paragraph', text: 'Căn cứ Luật Tổ chức chính quyền địa phương;', italic: true },
      {
        type: 'paragraph',
        text: 'Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030;',
        italic: true,
      },
      {
        type: 'paragraph',
        text: `Căn cứ Bộ tiêu chí xác định Chỉ số cải cách hành chính năm ${round.year} (${round.name});`,
        italic: true,
      },
      { type: 'paragraph', text: 'Theo đề nghị của Giám đốc Sở Nội vụ.', italic: true },
      { type: 'heading', text: 'QUYẾT ĐỊNH:' },
      {
        type: 'paragraph',
        text: `Điều 1. Công bố Chỉ số cải cách hành chính năm ${round.year} của ${rows.length} ${group} (Phụ lục kèm theo). Xếp loại: ${[
          ...counts,
        ]
          .map(([band, n]) => `${band} ${n} đơn vị`)
          .join('; ')}.`,
      },
      {
        type: 'paragraph',
        text: 'Điều 2. Giao Sở Nội vụ công khai kết quả trên Cổng thông tin điện tử của tỉnh; các đơn vị có chỉ số thấp xây dựng kế hoạch khắc phục các nội dung bị mất điểm, gắn với kế hoạch cải cách hành chính năm sau. Kết quả là căn cứ đánh giá, xếp loại người đứng đầu.',
      },
      {
        type: 'paragraph',
        text: `Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng ${group} chịu trách nhiệm thi hành Quyết định này.`,
      },
      { type: 'heading', text: `PHỤ LỤC: CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${round.year} CỦA ${group.toUpperCase()}` },
      {
        type: 'table',
        columns: ['Hạng', 'Đơn vị', 'Tổng điểm', 'Chỉ số (%)', 'Xếp loại'],
        widths: [10, 46, 14, 14, 16],
        rows: rows.map((r) => [r.rank, r.unitName, formatFixed(r.total, 2), formatFixed(r.index, 2), r.band]),
      },
    ],
    recipients: ['Như Điều 3', 'Bộ Nội vụ (để báo cáo)', 'Thường trực Tỉnh ủy, HĐND tỉnh', 'Lưu: VT, SNV'],
    signer: { authority: 'KT. CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', name: '' },
  });
  return { filename: `quyet-dinh-cong-bo-chi-so-cchc-${round.year}-${round.unitGroup}.docx`, data };
}
