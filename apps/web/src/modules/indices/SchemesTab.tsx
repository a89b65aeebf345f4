import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Space, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, EditOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, errorMessage, queryClient, unwrap, upload, uploadForm, urlFor } from '../../lib/api';
import { useSession } from '../../lib/session';
import type { IndexCode, IndexScheme } from './common';
import { DecimalInput } from '../../components/DecimalInput';

type Row = IndexScheme['components'][number];

export function SchemesTab({ index }: { index: IndexCode }) {
  const schemes = useQuery({ queryKey: ['indices', 'schemes'], queryFn: () => unwrap(api.GET('/api/index-schemes')) });
  const list = (schemes.data ?? []).filter((s) => s.indexCode === index);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {list.map((s) => (
        <SchemeCard key={s.id} scheme={s} />
      ))}
      {!schemes.isPending && !list.length && <Alert type="info" title="Chưa có phương pháp nào cho chỉ số này." />}
    </Space>
  );
}

function SchemeCard({ scheme }: { scheme: IndexScheme }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Row[] | null>(null);
  const save = useMutation({
    mutationFn: (rows: Row[]) =>
      unwrap(
        api.PUT('/api/index-schemes/{id}/components', {
          params: { path: { id: scheme.id } },
          body: {
            components: rows.map(({ code, parentCode, name, minPoints, maxPoints }) => ({
              code,
              parentCode: parentCode || null,
              name,
              minPoints,
              maxPoints,
            })),
          },
        }),
      ),
    onSuccess: () => {
      message.success('Đã lưu phương pháp');
      setEditing(null);
      void queryClient.invalidateQueries({ queryKey: ['indices'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const importXlsx = useMutation({
    mutationFn: (file: File) => {
      return upload('/api/index-schemes/{id}/import', uploadForm(file, file.name), { id: scheme.id });
    },
    onSuccess: () => {
      message.success('Đã nạp cây tiêu chí từ tệp');
      void queryClient.invalidateQueries({ queryKey: ['indices'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const rows = editing ?? scheme.components;
  const edit = (i: number, patch: Partial<Row>) => setEditing((r) => r!.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Card
      size="small"
      title={
        <>
          {scheme.decision} {scheme.isExample && <Tag color="orange">Ví dụ – cần chỉnh</Tag>}
        </>
      }
      extra={
        <Space wrap>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={urlFor('/api/index-schemes/{id}/export.xlsx', { path: { id: scheme.id } })}
          >
            XLSX
          </Button>
          {can('index_scheme.update') && (
            <>
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(f) => {
                  importXlsx.mutate(f);
                  return false;
                }}
              >
                <Button size="small" icon={<UploadOutlined />} loading={importXlsx.isPending}>
                  Nạp XLSX
                </Button>
              </Upload>
              {editing ? (
                <Button size="small" type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate(editing)}>
                  Lưu
                </Button>
              ) : (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(scheme.components)}>
                  Sửa
                </Button>
              )}
            </>
          )}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'n', label: 'Tên', children: scheme.name },
          { key: 'y', label: 'Áp dụng', children: `${scheme.validFromYear}–${scheme.validToYear ?? 'nay'}` },
          { key: 's', label: 'Thang điểm', children: `${scheme.totalMin}–${scheme.totalMax} ${scheme.unit}` },
          { key: 'src', label: 'Nguồn', children: scheme.source },
          ...(scheme.note ? [{ key: 'note', label: 'Ghi chú', children: scheme.note, span: 2 }] : []),
        ]}
      />
      <Table<Row>
        style={{ marginTop: 12 }}
        size="small"
        rowKey={(r) => `${r.code}-${r.sortOrder}`}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 700 }}
        columns={[
          {
            title: 'Mã',
            dataIndex: 'code',
            width: 80,
            render: (v, r) => <span style={{ paddingLeft: r.parentCode ? 16 : 0, fontWeight: r.parentCode ? 400 : 600 }}>{v}</span>,
          },
          {
            title: 'Tên',
            dataIndex: 'name',
            render: (v: string, _r, i) =>
              editing ? (
                <Input value={v} onChange={(e) => edit(i, { name: e.target.value })} />
              ) : (
                <span style={{ fontWeight: _r.parentCode ? 400 : 600 }}>{v}</span>
              ),
          },
          {
            title: 'Tối thiểu',
            dataIndex: 'minPoints',
            width: 100,
            render: (v: number | null, _r, i) =>
              editing ? <DecimalInput size="small" value={v} onChange={(x) => edit(i, { minPoints: x })} /> : (v ?? ''),
          },
          {
            title: 'Tối đa',
            dataIndex: 'maxPoints',
            width: 100,
            render: (v: number | null, _r, i) =>
              editing ? <DecimalInput size="small" value={v} onChange={(x) => edit(i, { maxPoints: x })} /> : (v ?? 'chưa xác nhận'),
          },
        ]}
      />
    </Card>
  );
}
