/** The dossiers behind a figure (server-paged) and one dossier with its history. */
import { useState } from 'react';
import { Alert, Descriptions, Modal, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { operations } from '@cchc/api-client';
import { api, unwrap } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';

type ListQuery = operations['listDossiers']['parameters']['query'];

export function DossierList({ query }: { query: Omit<ListQuery, 'limit' | 'offset'> }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['dossiers', 'list', query, page],
    queryFn: () => unwrap(api.GET('/api/dossiers', { params: { query: { ...query, limit: 20, offset: (page - 1) * 20 } } })),
  });
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.rows ?? []}
        scroll={{ x: 800 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => `${n} hồ sơ`,
        }}
        onRow={(r) => ({ onClick: () => setOpen(r.code), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: 'Mã hồ sơ',
            dataIndex: 'code',
            width: 120,
            render: (c: string, r) => (
              <>
                {c} {r.flagged && <Tag color="orange">cần xem lại</Tag>}
              </>
            ),
          },
          {
            title: 'Thủ tục',
            dataIndex: 'procedureName',
            render: (n: string | null, r) => (
              <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                {n ?? r.procedureCode}
              </Typography.Text>
            ),
          },
          { title: 'Tiếp nhận', dataIndex: 'receivedAt', width: 130, render: formatDateTime },
          { title: 'Hạn', dataIndex: 'dueDate', width: 95, render: formatDate },
          { title: 'Kết thúc', dataIndex: 'finishedAt', width: 130, render: formatDateTime },
          {
            title: 'Kết quả',
            dataIndex: 'outcomeLabel',
            width: 150,
            render: (l: string, r) => (
              <Tag color={r.outcome === 'late' || r.outcome === 'open_overdue' ? 'red' : r.outcome === 'open' ? 'blue' : 'green'}>{l}</Tag>
            ),
          },
          {
            title: 'Xin lỗi',
            dataIndex: 'apology',
            width: 100,
            render: (a: string) =>
              (
                ({
                  compliant: <Tag color="green">đúng hạn</Tag>,
                  late: <Tag color="orange">muộn</Tag>,
                  missing: <Tag color="red">thiếu</Tag>,
                }) as Record<string, React.ReactNode>
              )[a] ?? '',
          },
          { title: 'Cán bộ', dataIndex: 'official', width: 140 },
        ]}
      />
      <Modal open={!!open} onCancel={() => setOpen(null)} footer={null} width={760} title={`Hồ sơ ${open ?? ''}`}>
        {open && <DossierDetail code={open} />}
      </Modal>
    </>
  );
}

export function DossierDetail({ code }: { code: string }) {
  const q = useQuery({
    queryKey: ['dossier', code],
    queryFn: () => unwrap(api.GET('/api/dossiers/{code}', { params: { path: { code } } })),
  });
  const d = q.data;
  if (!d) return null;
  return (
    <>
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          { key: 'p', label: 'Thủ tục', children: `${d.procedureCode} ${d.procedureName ?? ''}`, span: 2 },
          { key: 'r', label: 'Tiếp nhận', children: formatDateTime(d.receivedAt) },
          { key: 'k', label: 'Kênh', children: ['', 'Trực tiếp', 'Trực tuyến', 'Bưu chính'][d.channel] },
          { key: 'h', label: 'Hạn giải quyết', children: formatDate(d.dueDate) },
          { key: 'e', label: 'Kết thúc', children: formatDateTime(d.finishedAt) || '—' },
          { key: 's', label: 'Bổ sung', children: d.supplements ? `${d.supplementCount} lần: ${d.supplements}` : 'không' },
          { key: 'o', label: 'Kết quả', children: d.outcomeLabel },
          {
            key: 'a',
            label: 'Thư xin lỗi',
            children: d.apologyAt ? `${formatDateTime(d.apologyAt)} (hạn gửi ${formatDate(d.apologyDeadline)})` : '—',
          },
          { key: 'c', label: 'Cán bộ', children: d.official ?? '—' },
          { key: 'n', label: 'Nguyên nhân trễ', children: d.lateCause ?? '—', span: 2 },
        ]}
      />
      {d.flagged && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title="Thời điểm kết thúc đã bị thay đổi sau khi hồ sơ đóng: cần xem lại (ảnh hưởng xếp hạng)."
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        Lịch sử thay đổi qua các lần nhập
      </Typography.Title>
      <Table
        size="small"
        rowKey="changedAt"
        pagination={false}
        dataSource={d.history}
        locale={{ emptyText: 'Chưa thay đổi' }}
        columns={[
          { title: 'Thời điểm', dataIndex: 'changedAt', render: formatDateTime, width: 130 },
          { title: 'Tệp', dataIndex: 'filename', width: 140 },
          {
            title: 'Trước → sau',
            render: (_, h) => (
              <code style={{ fontSize: 11 }}>
                {JSON.stringify(h.before)} → {JSON.stringify(h.after)}
              </code>
            ),
          },
        ]}
      />
    </>
  );
}
