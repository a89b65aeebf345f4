/** The six socio-economic regions (GSO), by pre-2025 province code; a peer-group preset. */
export const REGIONS: Record<string, { name: string; codes: string[] }> = {
  dbsh: { name: 'Đồng bằng sông Hồng', codes: ['01', '22', '26', '27', '30', '31', '33', '34', '35', '36', '37'] },
  tdmnpb: {
    name: 'Trung du và miền núi phía Bắc',
    codes: ['02', '04', '06', '08', '10', '11', '12', '14', '15', '17', '19', '20', '24', '25'],
  },
  btb: {
    name: 'Bắc Trung Bộ và duyên hải miền Trung',
    codes: ['38', '40', '42', '44', '45', '46', '48', '49', '51', '52', '54', '56', '58', '60'],
  },
  tn: { name: 'Tây Nguyên', codes: ['62', '64', '66', '67', '68'] },
  dnb: { name: 'Đông Nam Bộ', codes: ['70', '72', '74', '75', '77', '79'] },
  dbscl: { name: 'Đồng bằng sông Cửu Long', codes: ['80', '82', '83', '84', '86', '87', '89', '91', '92', '93', '94', '95', '96'] },
};

/** Region of a province code (pre-2025 codes; the 34 new provinces kept one of their parts' codes). */
export function regionOf(code: string): { key: string; name: string } | null {
  for (const [key, r] of Object.entries(REGIONS)) if (r.codes.includes(code)) return { key, name: r.name };
  return null;
}
