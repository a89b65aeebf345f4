import { useState } from 'react';
import { Alert, App, Button, Checkbox, Input, Modal, Select, Space, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { api, errorMessage, queryClient, unwrap } from '../../lib/api';
import type { Framework } from './common';
import { DecimalInput } from '../../components/DecimalInput';

type Row = {
  key: number;
  code: string;
  content: string;
  maxPoints: number;
  method: string | null;
  metricKey: string | null;
  bands: string | null;
  evidenceRequired: boolean;
};
const METHODS = [
  { value: 'tu_cham', label: 'Tự chấm' },
  { value: 'du_lieu', label: 'Từ dữ liệu' },
  { value: 'khao_sat', label: 'Khảo sát' },
  { value: 'thuong', label: 'Điểm thưởng' },
  { value: 'tru', label: 'Điểm trừ' },
];

/**
 * The framework's tree edited in place: each row as in the import file (code, content, maximum, method,
 * metric, bands, evidence); the server checks it as it checks a file and answers with the rows in error.
 */
export function FrameworkEditor({ framework, onClose }: { framework: Framework; onClose: () => void }) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[]>(() =>
    framework.criteria.map((c, i) => ({
      key: i,
      code: c.code,
      content: c.content,
      maxPoints: c.maxPoints,
      method: c.method,
      metricKey: c.metricKey,
      bands: c.bands,
      evidenceRequired: c.evidenceRequired,
    })),
  );
  const [errors, setErrors] = useState<{ row: number; message: string }[]>([]);
  const set = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/assessment/frameworks/{id}', {
          params: { path: { id: framework.id } },
          body: { criteria: rows.map(({ key: _key, ...r }) => ({ ...r, content: r.content.trim(), code: r.code.trim() })) },
        }),
      ),
    onSuccess: (r) => {
      if (r.errors.length) return setErrors(r.errors);
      message.success('Đã lưu bộ tiêu chí');
      void queryClient.invalidateQueries({ queryKey: ['assessment'] });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      width={1200}
      title={`Sửa bộ tiêu chí: ${framework.name}`}
      okText="Lưu bộ tiêu chí"
      cancelText="Hủy"
      okButtonProps={{ loading: save.isPending }}
      onOk={() => save.mutate()}
      onCancel={onClose}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            title="Chưa lưu: bộ tiêu chí còn lỗi"
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {errors.slice(0, 10).map((e) => (
                  <li key={`${e.row}-${e.message}`}>{e.message.replace(/^Dòng (\d+)/, (_, n) => `Dòng ${Number(n) - 1} trong bảng`)}</li>
                ))}
              </ul>
            }
          />
        )}
        <Table<Row>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 1100, y: 520 }}
          columns={[
            { title: 'Mã', width: 80, render: (_, r) => <Input value={r.code} onChange={(e) => set(r.key, { code: e.target.value })} /> },
            {
              title: 'Nội dung',
              render: (_, r) => <Input.TextArea autoSize value={r.content} onChange={(e) => set(r.key, { content: e.target.value })} />,
            },
            {
              title: 'Tối đa',
              width: 90,
              render: (_, r) => (
                <DecimalInput
                  min={0}
                  step={0.5}

                  value={r.maxPoints}
                  onChange={(v) => set(r.key, { maxPoints: v ?? 0 })}
                />
              ),
            },
            {
              title: 'Cách chấm',
              width: 140,
              render: (_, r) => (
                <Select
                  allowClear
                  placeholder="Mục cha"
                  style={{ width: '100%' }}
                  value={r.method ?? undefined}
                  options={METHODS}
                  onChange={(v) => set(r.key, { method: v ?? null })}
                />
              ),
            },
            {
              title: 'Số liệu',
              width: 170,
              render: (_, r) =>
                r.method === 'du_lieu' && (
                  <Input
                    placeholder="dossiers.onTimeRate"
                    value={r.metricKey ?? ''}
                    onChange={(e) => set(r.key, { metricKey: e.target.value || null })}
                  />
                ),
            },
            {
              title: 'Thang điểm',
              width: 170,
              render: (_, r) =>
                r.method === 'du_lieu' && (
                  <Input
                    placeholder=">=95:2;>=80:1;0"
                    value={r.bands ?? ''}
                    onChange={(e) => set(r.key, { bands: e.target.value || null })}
                  />
                ),
            },
            {
              title: 'Minh chứng',
              width: 90,
              render: (_, r) => (
                <Checkbox checked={r.evidenceRequired} onChange={(e) => set(r.key, { evidenceRequired: e.target.checked })} />
              ),
            },
            {
              width: 50,
              render: (_, r) => (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`Xóa ${r.code}`}
                  onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                />
              ),
            },
          ]}
        />
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            setRows((rs) => [
              ...rs,
              {
                key: Math.max(0, ...rs.map((r) => r.key)) + 1,
                code: '',
                content: '',
                maxPoints: 1,
                method: 'tu_cham',
                metricKey: null,
                bands: null,
                evidenceRequired: true,
              },
            ])
          }
        >
          Thêm dòng
        </Button>
      </Space>
    </Modal>
  );
}
