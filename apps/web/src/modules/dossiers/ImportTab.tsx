/** Importing dossier exports: the file, a saved column mapping, progress, the outcome, recent imports. */
import { useState } from 'react';
import { App, Button, Card, Col, Input, Progress, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, errorMessage, queryClient, unwrap, uploadWithProgress, urlFor, upload, uploadForm } from '../../lib/api';
import { formatDateTime, formatNumber } from '../../lib/format';
import { type ImportReply } from './common';

const IMPORT_TAG: Record<string, string> = { running: 'processing', done: 'success', interrupted: 'warning', refused: 'error' };

/** The latest imports, so an import a crash interrupted is seen (and run again) rather than trusted. */
function ImportHistory() {
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['dossiers', 'imports', page],
    queryFn: () => unwrap(api.GET('/api/dossiers/imports', { params: { query: { limit: 5, offset: (page - 1) * 5 } } })),
  });
  if (!q.data?.total) return null;
  return (
    <Card size="small" title="Lịch sử nhập hồ sơ">
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data.rows}
        scroll={{ x: 720 }}
        pagination={{ current: page, pageSize: 5, total: q.data.total, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: 'Bắt đầu', dataIndex: 'startedAt', width: 150, render: (v: string) => formatDateTime(v) },
          { title: 'Tệp', dataIndex: 'filename', ellipsis: true },
          { title: 'Người nhập', dataIndex: 'userName', width: 160, render: (v: string | null) => v ?? 'Hệ thống' },
          {
            title: 'Trạng thái',
            dataIndex: 'status',
            width: 170,
            render: (v: string, r) => (
              <Tooltip title={r.statusLabel}>
                <Tag color={IMPORT_TAG[v]}>{r.statusLabel.split(' (')[0]}</Tag>
              </Tooltip>
            ),
          },
          { title: 'Đã đọc', dataIndex: 'rowsRead', align: 'right', width: 90, render: (v: number) => formatNumber(v) },
          {
            title: 'Thêm / cập nhật',
            width: 130,
            align: 'right',
            render: (_: unknown, r) => `${formatNumber(r.inserted)} / ${formatNumber(r.updated)}`,
          },
          {
            title: 'Bị loại',
            dataIndex: 'rejected',
            align: 'right',
            width: 150,
            render: (v: number, r) =>
              v > 0 ? (
                <a href={urlFor('/api/dossiers/imports/{id}/errors.xlsx', { path: { id: r.id } })}>{formatNumber(v)} · tải danh sách lỗi</a>
              ) : (
                formatNumber(v)
              ),
          },
        ]}
      />
    </Card>
  );
}

export function ImportTab() {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportReply | null>(null);
  const [mappingId, setMappingId] = useState<number | undefined>();
  const [mapping, setMapping] = useState<{ headers: string[]; fields: string[]; suggested: Record<string, string> } | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const mappings = useQuery({ queryKey: ['dossiers', 'mappings'], queryFn: () => unwrap(api.GET('/api/dossiers/mappings')) });
  const run = useMutation({
    mutationFn: async () => {
      setProgress(0);
      return uploadWithProgress('/api/dossiers/imports', uploadForm(file!, file!.name, { mappingId }), setProgress);
    },
    onSuccess: (r) => {
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: ['dossiers'] });
    },
    onError: (e) => message.error(errorMessage(e)),
    onSettled: () => setProgress(null),
  });
  const readHeaders = useMutation({
    mutationFn: async () => {
      return upload('/api/dossiers/imports/headers', uploadForm(file!, file!.name));
    },
    onSuccess: (h) => {
      setMapping(h);
      setDraft(h.suggested);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const saveMapping = useMutation({
    mutationFn: () => unwrap(api.POST('/api/dossiers/mappings', { body: { name, mapping: draft } })),
    onSuccess: (r) => {
      message.success('Đã lưu ánh xạ cột');
      setMappingId(r.id);
      setMapping(null);
      void queryClient.invalidateQueries({ queryKey: ['dossiers', 'mappings'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="Nhập hồ sơ từ phần mềm một cửa (CSV UTF-8 hoặc XLSX)">
        <Typography.Paragraph type="secondary">
          Tệp theo mẫu chuẩn (tải tệp mẫu: trang “Hướng dẫn” ghi giá trị được phép của từng cột — kênh 1/2/3, trạng thái 1–10, định dạng
          ngày giờ), hoặc tệp của phần mềm khác rồi ánh xạ cột. Nhập lại cùng tệp không tạo bản ghi trùng; dòng lỗi được liệt kê, dòng đúng
          vẫn được nhập.
        </Typography.Paragraph>
        <Button icon={<DownloadOutlined />} href={urlFor('/api/dossiers/imports/template.xlsx')} style={{ marginBottom: 12 }}>
          Tải tệp mẫu (XLSX)
        </Button>
        <Space wrap>
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setResult(null);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>Chọn tệp</Button>
          </Upload>
          <Select
            allowClear
            placeholder="Cột theo mẫu chuẩn"
            style={{ width: 240 }}
            value={mappingId}
            onChange={setMappingId}
            options={(mappings.data ?? []).map((m) => ({ value: m.id, label: `Ánh xạ: ${m.name}` }))}
          />
          <Button disabled={!file} loading={readHeaders.isPending} onClick={() => readHeaders.mutate()}>
            Ánh xạ cột mới…
          </Button>
          <Button type="primary" disabled={!file} loading={run.isPending} onClick={() => run.mutate()}>
            Nhập
          </Button>
        </Space>
        {progress !== null && (
          <Progress
            style={{ marginTop: 12 }}
            percent={progress}
            status="active"
            format={(p) => (p === 100 ? 'Đang xử lý…' : `${p}% đã tải lên`)}
          />
        )}
      </Card>
      {mapping && (
        <Card size="small" title="Ánh xạ cột của tệp sang mẫu chuẩn">
          <Table
            size="small"
            rowKey={(f) => f}
            pagination={false}
            dataSource={mapping.fields}
            columns={[
              { title: 'Cột chuẩn', render: (f: string) => <code>{f}</code>, width: 220 },
              {
                title: 'Cột trong tệp',
                render: (f: string) => (
                  <Select
                    allowClear
                    style={{ width: 280 }}
                    value={draft[f]}
                    onChange={(v) =>
                      setDraft((d) => {
                        const n = { ...d };
                        if (v) n[f] = v;
                        else delete n[f];
                        return n;
                      })
                    }
                    options={mapping.headers.map((h) => ({ value: h, label: h }))}
                  />
                ),
              },
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Input placeholder="Tên ánh xạ, ví dụ: VNPT iGate" value={name} onChange={(e) => setName(e.target.value)} />
            <Button type="primary" disabled={!name.trim()} onClick={() => saveMapping.mutate()}>
              Lưu ánh xạ
            </Button>
          </Space>
        </Card>
      )}
      <ImportHistory />
      {result && (
        <Card size="small" title="Kết quả nhập">
          <Row gutter={16}>
            {(
              [
                ['Thêm mới', result.inserted],
                ['Cập nhật', result.updated],
                ['Không đổi', result.unchanged],
                ['Bị loại', result.rejected],
                ['Cần xem lại', result.flagged],
              ] as const
            ).map(([l, v]) => (
              <Col key={l} xs={12} md={4}>
                <Statistic groupSeparator="." title={l} value={v} />
              </Col>
            ))}
          </Row>
          {result.errorsTotal > 0 && (
            <>
              <Space style={{ margin: '12px 0' }}>
                <Typography.Text type="danger">
                  {result.errorsTotal} lỗi{result.errorsTotal > result.errors.length ? ` (hiển thị ${result.errors.length})` : ''}
                </Typography.Text>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={urlFor('/api/dossiers/imports/{id}/errors.xlsx', { path: { id: result.importId } })}
                >
                  Tải báo cáo đầy đủ
                </Button>
              </Space>
              <Table
                size="small"
                rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
                dataSource={result.errors}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: 'Dòng', dataIndex: 'row', width: 70 },
                  { title: 'Cột', dataIndex: 'field', width: 150 },
                  { title: 'Lý do', dataIndex: 'message' },
                ]}
              />
            </>
          )}
        </Card>
      )}
    </Space>
  );
}
