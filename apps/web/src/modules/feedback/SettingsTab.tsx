/** The office's settings: categories and their clocks in working days, and imports of other systems' exports. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, InputNumber, Space, Switch, Table, Typography, Upload } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { operations } from '@cchc/api-client';
import { api, errorMessage, unwrap, upload, uploadForm } from '../../lib/api';
import { formatNumber } from '../../lib/format';

type Category = operations['listFeedbackCategories']['responses'][200]['content']['application/json'][number];

export function SettingsTab() {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Categories />
      <ImportCard />
    </Space>
  );
}

function Categories() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['feedback', 'categories'], queryFn: () => unwrap(api.GET('/api/feedback/categories')) });
  const [rows, setRows] = useState<Category[]>([]);
  useEffect(() => setRows(q.data ?? []), [q.data]);
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/feedback/categories', { body: rows })),
    onSuccess: () => {
      message.success('Đã lưu danh mục lĩnh vực.');
      void qc.invalidateQueries({ queryKey: ['feedback', 'categories'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const edit = (i: number, patch: Partial<Category>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const days =
    (field: 'processDays' | 'refuseDays' | 'transferDays' | 'publishDays', max: number) => (v: number, _r: Category, i: number) => (
      <InputNumber min={1} max={max} value={v} onChange={(n) => n && edit(i, { [field]: n })} style={{ width: 72 }} />
    );
  return (
    <Card
      size="small"
      title="Lĩnh vực và thời hạn (ngày làm việc)"
      extra={
        <Space>
          <Button
            onClick={() =>
              setRows([
                ...rows,
                {
                  code: `linh_vuc_${rows.length + 1}`,
                  name: 'Lĩnh vực mới',
                  processDays: 15,
                  refuseDays: 2,
                  transferDays: 5,
                  publishDays: 2,
                  isActive: true,
                },
              ])
            }
          >
            Thêm lĩnh vực
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            Lưu
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        Mặc định theo Quyết định 766/QĐ-TTg: 15 ngày làm việc để xử lý, 2 ngày để từ chối, 5 ngày để chuyển cơ quan có thẩm quyền, 2 ngày để
        công khai. Thời hạn mới áp dụng cho phản ánh tiếp nhận sau khi lưu.
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="code"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 130 },
          {
            title: 'Tên lĩnh vực',
            dataIndex: 'name',
            render: (v: string, _r, i) => <Input value={v} onChange={(e) => edit(i, { name: e.target.value })} />,
          },
          { title: 'Xử lý', dataIndex: 'processDays', width: 90, render: days('processDays', 90) },
          { title: 'Từ chối', dataIndex: 'refuseDays', width: 90, render: days('refuseDays', 30) },
          { title: 'Chuyển', dataIndex: 'transferDays', width: 90, render: days('transferDays', 30) },
          { title: 'Công khai', dataIndex: 'publishDays', width: 90, render: days('publishDays', 30) },
          {
            title: 'Đang dùng',
            dataIndex: 'isActive',
            width: 90,
            render: (v: boolean, _r, i) => <Switch checked={v} onChange={(c) => edit(i, { isActive: c })} />,
          },
        ]}
      />
    </Card>
  );
}

function ImportCard() {
  const [source, setSource] = useState('cong-dvc-quoc-gia');
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: (file: File) => upload('/api/feedback/import', uploadForm(file, file.name, { source })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['feedback'] }),
  });
  const r = run.data;
  return (
    <Card size="small" title="Nhập tệp xuất của Cổng Dịch vụ công quốc gia, ứng dụng của tỉnh">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          Tệp CSV (UTF-8) hoặc XLSX, dòng đầu là tiêu đề cột. Phản ánh đã nhập từ cùng nguồn với cùng mã không bị nhập lại.{' '}
          <a href="/api/feedback/import-template.xlsx">Tải tệp mẫu</a> (các cột, giá trị hợp lệ).
        </Typography.Paragraph>
        <Space wrap>
          <span>Nguồn</span>
          <Input value={source} onChange={(e) => setSource(e.target.value)} style={{ width: 220 }} aria-label="Nguồn dữ liệu" />
          <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => (run.mutate(f), false)}>
            <Button type="primary" loading={run.isPending}>
              Chọn tệp và nhập
            </Button>
          </Upload>
        </Space>
        {run.isError && <Alert type="error" showIcon message={errorMessage(run.error)} />}
        {r && (
          <Alert
            type={r.errors ? 'warning' : 'success'}
            showIcon
            message={`${formatNumber(r.rows)} dòng: nhập mới ${formatNumber(r.created)}, đã có ${formatNumber(r.unchanged)}, lỗi ${formatNumber(r.errors)}.`}
            description={
              r.errorRows.length ? (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {r.errorRows.slice(0, 20).map((e) => (
                    <li key={`${e.row}-${e.field}`}>
                      Dòng {e.row}, cột "{e.field}": {e.message}
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
      </Space>
    </Card>
  );
}
