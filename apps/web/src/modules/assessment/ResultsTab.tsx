import { useState, type ReactNode } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { App, Button, DatePicker, Form, Input, Modal, Space, Table, Tag, Card } from 'antd';
import { DownloadOutlined, GlobalOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, errorMessage, queryClient, unwrap, urlFor } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';
import { formatFixed, formatNumber } from '../../lib/format';
import { BAND_COLORS, type ResultRow } from './common';

const n = (v: number) => formatNumber(v, 2);

export function ResultsTab({
  roundId,
  picker,
  published,
}: {
  roundId: number;
  picker: ReactNode;
  published: { at: string | null; decisionNumber: string | null; decisionDate: string | null };
}) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [publishing, setPublishing] = useState(false);
  const [form] = Form.useForm<{ decisionNumber: string; decisionDate: Dayjs }>();
  const publish = useMutation({
    mutationFn: (v: { decisionNumber: string; decisionDate: Dayjs }) =>
      unwrap(
        api.POST('/api/assessment/rounds/{id}/publish', {
          params: { path: { id: roundId } },
          body: { decisionNumber: v.decisionNumber, decisionDate: v.decisionDate.format('YYYY-MM-DD') },
        }),
      ),
    onSuccess: () => {
      setPublishing(false);
      void queryClient.invalidateQueries({ queryKey: ['assessment', 'rounds'] });
      message.success('Đã công bố kết quả; trang công khai đã hiện đợt này.');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const results = useQuery({
    queryKey: ['assessment', 'results', roundId],
    queryFn: () => unwrap(api.GET('/api/assessment/rounds/{id}/results', { params: { path: { id: roundId } } })),
  });
  const rows = results.data ?? [];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {picker}
      <Card
        size="small"
        title={`Kết quả của ${formatNumber(rows.length)} đơn vị`}
        extra={
          <Space wrap>
            {published.at ? (
              <Tag color="green" icon={<GlobalOutlined />}>
                Đã công bố{published.decisionNumber ? ` – QĐ ${published.decisionNumber}` : ''}
                {published.decisionDate ? ` ngày ${formatDate(published.decisionDate)}` : ''}
              </Tag>
            ) : (
              can('assessment.manage') && (
                <Button size="small" type="primary" icon={<GlobalOutlined />} onClick={() => setPublishing(true)}>
                  Công bố
                </Button>
              )
            )}
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={urlFor('/api/assessment/rounds/{id}/decision.docx', { path: { id: roundId } })}
            >
              Quyết định (DOCX)
            </Button>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={urlFor('/api/assessment/rounds/{id}/results.xlsx', { path: { id: roundId } })}
            >
              XLSX
            </Button>
          </Space>
        }
      >
        <Table<ResultRow>
          size="small"
          rowKey="unitCode"
          loading={results.isPending}
          dataSource={rows}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 20, showTotal: (t) => `${formatNumber(t)} đơn vị` }}
          columns={[
            { title: 'Hạng', dataIndex: 'rank', width: 60 },
            { title: 'Đơn vị', dataIndex: 'unitName' },
            { title: 'Tự chấm', dataIndex: 'self', align: 'right', render: n },
            { title: 'Thẩm định', dataIndex: 'appraised', align: 'right', render: n },
            { title: 'Khảo sát', dataIndex: 'survey', align: 'right', render: n },
            { title: 'Thưởng', dataIndex: 'bonus', align: 'right', render: n },
            { title: 'Trừ', dataIndex: 'penalty', align: 'right', render: n },
            { title: 'Tổng', dataIndex: 'total', align: 'right', render: n },
            { title: 'Tối đa', dataIndex: 'max', align: 'right', render: n },
            { title: 'Chỉ số (%)', dataIndex: 'index', align: 'right', render: (v: number) => <b>{formatFixed(v, 2)}</b> },
            { title: 'Xếp loại', dataIndex: 'band', render: (b: string) => <Tag color={BAND_COLORS[b]}>{b}</Tag> },
          ]}
        />
      </Card>
      <Modal
        open={publishing}
        title="Công bố kết quả theo quyết định của UBND tỉnh"
        okText="Công bố"
        cancelText="Hủy"
        okButtonProps={{ loading: publish.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setPublishing(false)}
      >
        <Form form={form} layout="vertical" initialValues={{ decisionDate: dayjs() }} onFinish={(v) => publish.mutate(v)}>
          <Form.Item
            name="decisionNumber"
            label="Số quyết định"
            rules={[{ required: true, min: 3, message: 'Nhập số quyết định, ví dụ 125/QĐ-UBND' }]}
          >
            <Input placeholder="125/QĐ-UBND" maxLength={60} />
          </Form.Item>
          <Form.Item name="decisionDate" label="Ngày quyết định" rules={[{ required: true, message: 'Chọn ngày' }]}>
            <DatePicker format="DD/MM/YYYY" allowClear={false} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
