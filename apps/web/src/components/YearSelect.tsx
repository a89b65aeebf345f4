import { Select } from 'antd';
import dayjs from 'dayjs';

/** The year a yearly page shows: this year and the three before it. */
export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const now = dayjs().year();
  return (
    <Select
      aria-label="Năm"
      value={value}
      style={{ width: 130 }}
      onChange={onChange}
      options={[0, 1, 2, 3].map((k) => ({ value: now - k, label: `Năm ${now - k}` }))}
    />
  );
}
