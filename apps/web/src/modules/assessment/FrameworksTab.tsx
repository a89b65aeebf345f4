import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, errorMessage, queryClient, unwrap, upload, uploadForm, urlFor } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { useSession } from '../../lib/session';
import { GROUP_LABELS, type Framework } from './common';
import { FrameworkEditor } from './FrameworkEditor';

type Criterion = Framework['criteria'][number];

export function FrameworksTab() {
  const { can } = useSession();
  const { message } = App.useApp();
  const list = useQuery({ queryKey: ['assessment', 'frameworks'], queryFn: () => unwrap(api.GET('/api/assessment/frameworks')) });
  const [id, setId] = useState<number | undefined>();
  useEffect(() => {
    if (!id && list.data?.length) setId(list.data[0]!.id);
  }, [list.data, id]);
  const f = useQuery({
    queryKey: ['assessment', 'framework', id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/assessment/frameworks/{id}', { params: { path: { id: id! } } })),
  });
  const [reissuing, setReissuing] = useState(false);
  const [reissueForm] = Form.useForm<{ name: string; validFrom: Dayjs }>();
  const reissue = useMutation({
    mutationFn: (v: { name: string; validFrom: Dayjs }) =>
      unwrap(
        api.POST('/api/assessment/frameworks/{id}/copy', {
          params: { path: { id: id! } },
          body: { year: f.data!.year, name: v.name, validFrom: v.validFrom.format('YYYY-MM-DD') },
        }),
      ),
    onSuccess: (r) => {
      message.success('Đã tạo bản mới của bộ tiêu chí; bản cũ áp dụng đến ngày trước ngày áp dụng bản mới');
      void queryClient.invalidateQueries({ queryKey: ['assessment', 'frameworks'] });
      setReissuing(false);
      setId(r.id);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const copy = useMutation({
    mutationFn: (year: number) =>
      unwrap(api.POST('/api/assessment/frameworks/{id}/copy', { params: { path: { id: id! } }, body: { year } })),
    onSuccess: (r) => {
      message.success('Đã sao chép bộ tiêu chí sang năm sau; hãy chỉnh theo quyết định mới');
      void queryClient.invalidateQueries({ queryKey: ['assessment', 'frameworks'] });
      setId(r.id);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const [form] = Form.useForm<{ year: number; unitGroup: 'department' | 'commune' | 'province'; name: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [editing, setEditing] = useState(false);
  const imp = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      return upload('/api/assessment/frameworks/import', uploadForm(file!, file!.name, v));
    },
    onSuccess: (r) => {
      if (r.id) {
        message.success(`Đã nhập bộ tiêu chí: ${formatNumber(r.criteria)} tiêu chí, tối đa ${formatNumber(r.maxTotal, 2)} điểm`);
        void queryClient.invalidateQueries({ queryKey: ['assessment', 'frameworks'] });
        setId(r.id);
      }
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {editing && f.data && <FrameworkEditor framework={f.data} onClose={() => setEditing(false)} />}
      <Modal
        open={reissuing}
        title="Ban hành bản mới của bộ tiêu chí trong năm"
        okText="Tạo bản mới"
        cancelText="Hủy"
        okButtonProps={{ loading: reissue.isPending }}
        onOk={() => reissueForm.submit()}
        onCancel={() => setReissuing(false)}
      >
        <Form
          form={reissueForm}
          layout="vertical"
          onFinish={(v) => reissue.mutate(v)}
          initialValues={{ name: f.data ? `${f.data.name} (sửa đổi)` : '' }}
        >
          <Form.Item name="name" label="Tên bản mới" rules={[{ required: true, min: 3, message: 'Nhập tên' }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="validFrom" label="Áp dụng từ ngày" rules={[{ required: true, message: 'Chọn ngày áp dụng' }]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        </Form>
      </Modal>
      <Space wrap>
        <Select
          style={{ minWidth: 360 }}
          value={id}
          onChange={setId}
          loading={list.isPending}
          options={(list.data ?? []).map((x) => ({
            value: x.id,
            label: `${x.year} – ${GROUP_LABELS[x.unitGroup]}: ${x.name}${
              x.validFrom || x.validTo
                ? ` (áp dụng ${x.validFrom ? `từ ${formatDate(x.validFrom)}` : ''}${x.validTo ? ` đến ${formatDate(x.validTo)}` : ''})`
                : ''
            }`,
          }))}
        />
        {id && (
          <Button icon={<DownloadOutlined />} href={urlFor('/api/assessment/frameworks/{id}/export.xlsx', { path: { id } })}>
            XLSX
          </Button>
        )}
        {id && f.data && can('assessment.manage') && <Button onClick={() => setEditing(true)}>Sửa bộ tiêu chí</Button>}
        {id && f.data && can('assessment.manage') && <Button onClick={() => setReissuing(true)}>Ban hành bản mới trong năm</Button>}
        {id && f.data && can('assessment.manage') && (
          <Button loading={copy.isPending} onClick={() => copy.mutate(f.data!.year + 1)}>
            Sao chép sang năm {f.data.year + 1}
          </Button>
        )}
      </Space>
      {f.data?.isExample && (
        <Alert
          type="warning"
          showIcon
          title="Bộ tiêu chí mẫu"
          description="Đây là bộ tiêu chí mẫu để tham khảo; tỉnh cần chỉnh theo quyết định ban hành bộ chỉ số của mình rồi nhập lại."
        />
      )}
      <Card
        size="small"
        title={f.data && `${f.data.name} – tối đa ${formatNumber(f.data.maxTotal, 2)} điểm`}
        loading={f.isFetching && !f.data}
      >
        <Table<Criterion>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={f.data?.criteria ?? []}
          scroll={{ x: 800 }}
          columns={[
            { title: 'Mã', dataIndex: 'code', width: 60 },
            {
              title: 'Nội dung',
              dataIndex: 'content',
              render: (t: string, c) => (
                <span style={{ paddingLeft: (c.level - 1) * 16, fontWeight: c.level === 1 ? 600 : undefined }}>{t}</span>
              ),
            },
            { title: 'Tối đa', dataIndex: 'maxPoints', width: 70, align: 'right', render: (v: number) => formatNumber(v, 2) },
            {
              title: 'Cách chấm',
              width: 260,
              render: (_, c) =>
                c.methodLabel && (
                  <>
                    <Tag color={c.method === 'du_lieu' ? 'blue' : undefined}>{c.methodLabel}</Tag>
                    {c.metricKey && <code>{c.metricKey}</code>} {c.bands && <span>({c.bands})</span>}
                  </>
                ),
            },
          ]}
        />
      </Card>
      {can('assessment.manage') && (
        <Card size="small" title="Nhập bộ tiêu chí từ tệp XLSX hoặc CSV">
          <Form form={form} layout="inline" initialValues={{ year: new Date().getFullYear() + 1, unitGroup: 'department' }}>
            <Form.Item name="year" label="Năm" rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="unitGroup" label="Nhóm" rules={[{ required: true }]}>
              <Select style={{ width: 240 }} options={Object.entries(GROUP_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="name" label="Tên" rules={[{ required: true, min: 3, message: 'Nhập tên bộ tiêu chí' }]}>
              <Input style={{ width: 320 }} />
            </Form.Item>
            <Upload maxCount={1} beforeUpload={(x) => (setFile(x), false)} onRemove={() => setFile(null)} accept=".xlsx,.csv">
              <Button icon={<UploadOutlined />}>Chọn tệp</Button>
            </Upload>
            <Button type="primary" disabled={!file} loading={imp.isPending} onClick={() => imp.mutate()} style={{ marginLeft: 8 }}>
              Nhập
            </Button>
          </Form>
          {imp.data && imp.data.errors.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="error"
              showIcon
              title={`Chưa nhập: ${formatNumber(imp.data.errors.length)} lỗi, sửa tệp rồi nhập lại`}
              description={
                <ul style={{ margin: 0 }}>
                  {imp.data.errors.slice(0, 30).map((e) => (
                    <li key={`${e.row}-${e.field}`}>{e.message}</li>
                  ))}
                </ul>
              }
            />
          )}
        </Card>
      )}
    </Space>
  );
}
