import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, ApiError, errorMessage, queryClient, unwrap, urlFor } from '../../lib/api';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../lib/format';
import { useAct } from '../../lib/use-act';
import { TaskTable, UnitTable } from './TaskTables';
import { TaskFields } from './TaskFields';
import { pct, type DirectiveDetail } from './common';

export function DirectivePage() {
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['directive', id], queryFn: () => unwrap(api.GET('/api/directives/{id}', { params: { path: { id } } })) });
  if (q.isError)
    return <Result status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'} title={errorMessage(q.error)} />;
  const d = q.data;
  if (!d) return <Card loading />;
  const c = d.counts;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {d.status === 'withdrawn' && (
        <Alert
          type="warning"
          showIcon
          title={`Văn bản đã được thu hồi${d.withdrawnAt ? ` lúc ${formatDateTime(d.withdrawnAt)}` : ''}`}
          description={`Lý do: ${(d.withdrawReason ?? '').replace(/[.\s]+$/, '')}. Các nhiệm vụ đã được hủy, không còn tính vào số liệu; báo cáo đã có vẫn được lưu.`}
        />
      )}
      <Card extra={d.status !== 'withdrawn' && <DirectiveActions d={d} />}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {d.kindLabel} số {d.number}
        </Typography.Title>
        <Typography.Paragraph strong>{d.title}</Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'date', label: 'Ngày ban hành', children: formatDate(d.issuedOn) },
            { key: 'issuer', label: 'Cơ quan ban hành', children: d.issuer },
            {
              key: 'src',
              label: 'Tệp gốc',
              children: d.sourceFilename ? (
                <Button size="small" icon={<DownloadOutlined />} href={urlFor('/api/directives/{id}/source', { path: { id: d.id } })}>
                  {d.sourceFilename}
                </Button>
              ) : (
                'chưa có'
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic groupSeparator="." decimalSeparator="," title="Nhiệm vụ" value={c.tasks} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              groupSeparator="."
              decimalSeparator=","
              title="Hoàn thành"
              value={`${formatNumber(c.done)} (${formatPercent(pct(c.done, c.tasks))})`}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic groupSeparator="." decimalSeparator="," title="Đúng hạn" value={c.doneOnTime} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              groupSeparator="."
              decimalSeparator=","
              title="Quá hạn"
              value={c.overdue}
              styles={{ content: { color: c.overdue ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      {d.progress.length > 0 && <UnitTable rows={d.progress} title="Tiến độ theo đơn vị chủ trì" />}
      <Card size="small" title="Các mục và nhiệm vụ">
        <Collapse
          items={d.sections.map((s) => ({
            key: s.id,
            label: (
              <Space wrap>
                <b>{s.number}</b>
                {s.heading}
                <Tag>{formatNumber(s.taskCount)} nhiệm vụ</Tag>
                {s.groupKind && <Tag color="blue">giao nhóm</Tag>}
                {s.overdue > 0 && <Tag color="red">{formatNumber(s.overdue)} quá hạn</Tag>}
                {s.cancelled > 0 && <Tag>{formatNumber(s.cancelled)} đã hủy</Tag>}
              </Space>
            ),
            // Drawn when first opened: a page of the section's tasks from the server.
            children: <SectionTasks directiveId={d.id} section={s} />,
          }))}
        />
      </Card>
    </Space>
  );
}

const SECTION_PAGE = 20;

/** One section's tasks, a page at a time from the task list (its cancelled tasks behind a link to that list). */
function SectionTasks({ directiveId, section }: { directiveId: number; section: DirectiveDetail['sections'][number] }) {
  const [page, setPage] = useState(1);
  const query = { directive: directiveId, section: section.id, limit: SECTION_PAGE, offset: (page - 1) * SECTION_PAGE };
  const q = useQuery({
    queryKey: ['tasks', 'section', query],
    queryFn: () => unwrap(api.GET('/api/tasks', { params: { query } })),
    placeholderData: (prev) => prev,
  });
  return (
    <>
      {section.taskCount > 0 && (
        <TaskTable
          rows={q.data?.rows ?? []}
          loading={q.isFetching}
          showUnit
          pagination={{
            current: page,
            pageSize: SECTION_PAGE,
            total: q.data?.total ?? section.taskCount,
            onChange: setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (n) => `${formatNumber(n)} nhiệm vụ`,
          }}
        />
      )}
      {section.cancelled > 0 && (
        <Link to={`/directives?tab=list&directive=${directiveId}&status=cancelled`}>
          Xem {formatNumber(section.cancelled)} nhiệm vụ đã hủy của văn bản
        </Link>
      )}
    </>
  );
}

const KINDS = [
  { value: 'chi_thi', label: 'Chỉ thị' },
  { value: 'ke_hoach', label: 'Kế hoạch' },
  { value: 'quyet_dinh', label: 'Quyết định' },
  { value: 'cong_van', label: 'Công văn' },
];

/**
 * Sở Nội vụ corrects a saved directive: its header, a new task, withdrawing it (tasks cancelled, kept)
 * or deleting it while no unit has reported. The units concerned are notified by the server.
 */
function DirectiveActions({ d }: { d: DirectiveDetail }) {
  const [open, setOpen] = useState<'edit' | 'add' | 'withdraw' | null>(null);
  const [reason, setReason] = useState('');
  const [header] = Form.useForm();
  const [task] = Form.useForm();
  const navigate = useNavigate();
  const act = useAct('directive', () => setOpen(null));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['directives'] });
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
  };
  const path = { params: { path: { id: d.id } } };
  if (!d.abilities.edit && !d.abilities.withdraw && !d.abilities.delete) return null;
  return (
    <Space wrap>
      {d.abilities.edit && (
        <>
          <Button icon={<EditOutlined />} onClick={() => setOpen('edit')}>
            Sửa thông tin
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setOpen('add')}>
            Thêm nhiệm vụ
          </Button>
        </>
      )}
      {d.abilities.withdraw && (
        <Button danger icon={<StopOutlined />} onClick={() => setOpen('withdraw')}>
          Thu hồi
        </Button>
      )}
      {d.abilities.delete &&
        (d.hasReports ? (
          <Tooltip title="Đã có báo cáo của đơn vị: chỉ thu hồi được, không xóa được.">
            <Button danger disabled icon={<DeleteOutlined />}>
              Xóa
            </Button>
          </Tooltip>
        ) : (
          <Popconfirm
            title={`Xóa văn bản ${d.number}?`}
            description={`${formatNumber(d.counts.tasks)} nhiệm vụ của văn bản bị xóa theo; các đơn vị được thông báo.`}
            okText="Xóa"
            okButtonProps={{ danger: true }}
            cancelText="Không"
            onConfirm={() =>
              act.mutate(async () => {
                await unwrap(api.DELETE('/api/directives/{id}', path));
                refresh();
                navigate('/directives?tab=list');
              })
            }
          >
            <Button danger icon={<DeleteOutlined />}>
              Xóa
            </Button>
          </Popconfirm>
        ))}
      <Modal
        open={open === 'edit'}
        title="Sửa thông tin văn bản"
        okText="Lưu"
        cancelText="Hủy"
        confirmLoading={act.isPending}
        onCancel={() => setOpen(null)}
        onOk={() => header.submit()}
        destroyOnHidden
      >
        <Form
          form={header}
          layout="vertical"
          initialValues={{ number: d.number, kind: d.kind, date: dayjs(d.issuedOn), issuer: d.issuer, title: d.title }}
          onFinish={(v) =>
            act.mutate(async () => {
              await unwrap(
                api.PATCH('/api/directives/{id}', {
                  ...path,
                  body: { number: v.number, kind: v.kind, date: v.date.format('YYYY-MM-DD'), issuer: v.issuer, title: v.title },
                }),
              );
              refresh();
            })
          }
        >
          <Form.Item name="number" label="Số, ký hiệu" rules={[{ required: true, message: 'Nhập số, ký hiệu' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label="Loại">
            <Select options={KINDS} />
          </Form.Item>
          <Form.Item name="date" label="Ngày ban hành" rules={[{ required: true, message: 'Chọn ngày ban hành' }]}>
            <DatePicker format="DD/MM/YYYY" allowClear={false} />
          </Form.Item>
          <Form.Item name="issuer" label="Cơ quan, người ban hành" rules={[{ required: true, message: 'Nhập cơ quan ban hành' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="title" label="Trích yếu" rules={[{ required: true, message: 'Nhập trích yếu' }]}>
            <Input.TextArea autoSize />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={open === 'add'}
        title="Thêm nhiệm vụ"
        okText="Thêm"
        cancelText="Hủy"
        confirmLoading={act.isPending}
        onCancel={() => setOpen(null)}
        onOk={() => task.submit()}
        destroyOnHidden
      >
        <Form
          form={task}
          layout="vertical"
          initialValues={{ sectionId: d.sections[0]?.id }}
          onFinish={(v) =>
            act.mutate(async () => {
              await unwrap(
                api.POST('/api/directives/{id}/tasks', {
                  ...path,
                  body: {
                    sectionId: v.sectionId,
                    label: v.label ?? '',
                    content: v.content,
                    leadUnitCode: v.leadUnitCode,
                    coordinatingUnitCodes: v.coordinatingUnitCodes ?? [],
                    dueDate: v.dueDate.format('YYYY-MM-DD'),
                  },
                }),
              );
              refresh();
            })
          }
        >
          <Form.Item name="sectionId" label="Mục">
            <Select options={d.sections.map((s) => ({ value: s.id, label: `${s.number} ${s.heading}` }))} />
          </Form.Item>
          <TaskFields />
          <Form.Item name="dueDate" label="Thời hạn" rules={[{ required: true, message: 'Chọn thời hạn' }]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={open === 'withdraw'}
        title={`Thu hồi văn bản ${d.number}`}
        okText="Thu hồi"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 5 }}
        cancelText="Không"
        confirmLoading={act.isPending}
        onCancel={() => setOpen(null)}
        onOk={() =>
          act.mutate(async () => {
            await unwrap(api.POST('/api/directives/{id}/withdraw', { ...path, body: { reason } }));
            refresh();
          })
        }
      >
        <Typography.Paragraph>
          {formatNumber(d.counts.tasks)} nhiệm vụ sẽ được hủy: giữ trong lịch sử cùng các báo cáo, không còn tính vào số liệu và không nhắc
          việc nữa. Các đơn vị được thông báo.
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="Lý do thu hồi"
          placeholder="Lý do thu hồi (bắt buộc), ví dụ: thay thế bằng Kế hoạch số …"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
