import type { Schemas, operations } from '@cchc/api-client';

export type Sheet = Schemas['AssessmentSheet'];
export type Framework = Schemas['AssessmentFramework'];
export type ResultRow = operations['getAssessmentResults']['responses'][200]['content']['application/json'][number];

export const GROUP_LABELS: Record<string, string> = {
  department: 'Sở, ban, ngành',
  commune: 'Xã, phường, đặc khu',
  province: 'Tỉnh tự đánh giá PAR INDEX',
};
export const BAND_COLORS: Record<string, string> = { Tốt: 'green', Khá: 'blue', 'Trung bình': 'orange', Yếu: 'red' };

/** Unit types of the communes' group (the rest of the province's units are departments and agencies). */
export const COMMUNE_TYPES = ['commune', 'ward', 'special_zone'];
