/** The compiled report of task results for a period, as DOCX (state document format) or XLSX. */
import dayjs, { type Dayjs } from 'dayjs';
import { Button, Card, DatePicker, Select, Space, Typography } from 'antd';
import { FileWordOutlined, FileExcelOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { urlFor } from '../../lib/api';

const PRESETS = [
  { label: 'Quý IV/2026', from: '2026-10-01', to: '2026-12-31' },
  { label: 'Quý III/2026', from: '2026-07-01', to: '2026-09-30' },
  { label: '6 tháng đầu năm 2026', from: '2026-01-01', to: '2026-06-30' },
  { label: '9 tháng năm 2026', from: '2026-01-01', to: '2026-09-30' },
  { label: 'Năm 2026', from: '2026-01-01', to: '2026-12-31' },
];

export function CompiledReport() {
  const [preset, setPreset] = useState(2);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(PRESETS[2]!.from), dayjs(PRESETS[2]!.to)]);
  const label = PRESETS[preset]?.label;
  const query = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), label };
  return (
    <Card size="small" title="Báo cáo kết quả thực hiện nhiệm vụ CCHC">
      <Typography.Paragraph type="secondary">
        Số liệu trong báo cáo là số liệu của bảng điều hành tính đến ngày cuối kỳ. DOCX theo thể thức Nghị định 30/2020/NĐ-CP.
      </Typography.Paragraph>
      <Space wrap>
        <Select
          value={preset}
          style={{ width: 220 }}
          onChange={(i) => {
            setPreset(i);
            const p = PRESETS[i]!;
            setRange([dayjs(p.from), dayjs(p.to)]);
          }}
          options={PRESETS.map((p, i) => ({ value: i, label: p.label }))}
        />
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          value={range}
          onChange={(v) => {
            if (v?.[0] && v[1]) {
              setRange([v[0], v[1]]);
              setPreset(-1);
            }
          }}
        />
        <Button type="primary" icon={<FileWordOutlined />} href={urlFor('/api/directives/report.docx', { query })}>
          Tải DOCX
        </Button>
        <Button icon={<FileExcelOutlined />} href={urlFor('/api/directives/report.xlsx', { query })}>
          Tải XLSX
        </Button>
        <Button icon={<FilePdfOutlined />} href={urlFor('/api/directives/report.pdf', { query })}>
          Tải PDF
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          In trang
        </Button>
      </Space>
    </Card>
  );
}
