/** The recognition decision and the certificate of an initiative (DOCX, Decree 30 layout). */
import { AppError, formatDate, formatFixed, getUnitByCode, officialDocx, type Actor, type AppServices } from '@cchc/core';
import { getInitiative } from './initiative.service';

async function recognised(s: AppServices, actor: Actor, id: number) {
  const v = await getInitiative(s, actor, id);
  if (v.status !== 'recognised' || v.origin !== 'own')
    throw new AppError('NOT_RECOGNISED', 'Chỉ có quyết định, giấy chứng nhận khi sáng kiến của tỉnh đã được công nhận.', 409);
  const province = (await getUnitByCode(s, s.provinceCode)).name;
  return { v, province, place: province.replace(/^(Tỉnh|Thành phố) /, '') };
}

export async function decisionDocx(s: AppServices, actor: Actor, id: number) {
  const { v, province, place } = await recognised(s, actor, id);
  const byProvince = v.level === 'province';
  const data = await officialDocx({
    parentBody: byProvince ? undefined : `UBND ${province.toUpperCase()}`,
    issuer: byProvince ? `ỦY BAN NHÂN DÂN ${province.toUpperCase()}` : (v.unitName ?? '').toUpperCase(),
    number: `Số: ${v.decisionNumber ?? '     /QĐ'}`,
    place,
    date: v.decidedOn ?? s.today(),
    kind: 'QUYẾT ĐỊNH',
    title: `Về việc công nhận sáng kiến cải cách hành chính ${byProvince ? 'cấp tỉnh' : 'cấp cơ sở'} năm ${v.year}`,
    body: [
      { type: 'paragraph', text: 'Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 của Chính phủ ban hành Điều lệ Sáng kiến;' },
      { type: 'paragraph', text: 'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;' },
      {
        type: 'paragraph',
        text: `Xét đề nghị của Hội đồng sáng kiến (tổng điểm đánh giá bình quân ${formatFixed(v.council.total, 1)}/${v.council.max} điểm, ${v.council.members} thành viên chấm).`,
      },
      { type: 'heading', text: 'QUYẾT ĐỊNH:' },
      {
        type: 'paragraph',
        text: `Điều 1. Công nhận sáng kiến "${v.title}" (mã ${v.code}) của ${v.unitName} là sáng kiến cải cách hành chính ${byProvince ? 'cấp tỉnh' : 'cấp cơ sở'} năm ${v.year}.`,
      },
      { type: 'paragraph', text: `Phạm vi, lĩnh vực áp dụng: ${v.areaLabel ?? '…'}; ngày áp dụng lần đầu: ${formatDate(v.startedOn)}.` },
      {
        type: 'paragraph',
        text: 'Điều 2. Sáng kiến được công nhận là căn cứ xét tặng danh hiệu thi đua, hình thức khen thưởng theo quy định; mỗi sáng kiến chỉ sử dụng một lần để xét khen thưởng.',
      },
      {
        type: 'paragraph',
        text: `Điều 3. Quyết định có hiệu lực kể từ ngày ký. ${v.unitName} và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.`,
      },
    ],
    recipients: ['Như Điều 3', 'Sở Nội vụ', 'Lưu: VT'],
    signer: byProvince ? { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', name: '' } : { position: 'THỦ TRƯỞNG ĐƠN VỊ', name: '' },
  });
  return { filename: `quyet-dinh-cong-nhan-${v.code}.docx`, data };
}

export async function certificateDocx(s: AppServices, actor: Actor, id: number) {
  const { v, province, place } = await recognised(s, actor, id);
  const byProvince = v.level === 'province';
  const data = await officialDocx({
    issuer: byProvince ? `ỦY BAN NHÂN DÂN ${province.toUpperCase()}` : (v.unitName ?? '').toUpperCase(),
    number: `Số: ${v.code}`,
    place,
    date: v.decidedOn ?? s.today(),
    kind: 'GIẤY CHỨNG NHẬN',
    title: `Sáng kiến cải cách hành chính ${byProvince ? 'cấp tỉnh' : 'cấp cơ sở'}`,
    body: [
      { type: 'paragraph', text: `Chứng nhận sáng kiến: "${v.title}"`, bold: true },
      { type: 'paragraph', text: `Của: ${v.unitName}.` },
      { type: 'paragraph', text: `Lĩnh vực: ${v.areaLabel ?? '…'}; áp dụng từ ngày ${formatDate(v.startedOn)}.` },
      { type: 'paragraph', text: `Được công nhận theo Quyết định số ${v.decisionNumber ?? '…'} ngày ${formatDate(v.decidedOn)}.` },
    ],
    signer: byProvince ? { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', name: '' } : { position: 'THỦ TRƯỞNG ĐƠN VỊ', name: '' },
  });
  return { filename: `giay-chung-nhan-${v.code}.docx`, data };
}
