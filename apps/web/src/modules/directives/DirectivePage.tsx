import { useParams } from 'react-router-dom';
import { Button, Card, Col, Collapse, Descriptions, Result, Row, Space, Statistic, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, errorMessage, unwrap, urlFor } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { TaskTable, UnitTable } from './TaskTables';
import { pct } from './common';

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
      <Card>
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
            <Statistic groupSeparator="." decimalSeparator="," title="Hoàn thành" value={`${c.done} (${pct(c.done, c.tasks)} %)`} />
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
      <UnitTable rows={d.progress} title="Tiến độ theo đơn vị chủ trì" />
      <Card size="small" title="Các mục và nhiệm vụ">
        <Collapse
          items={d.sections.map((s) => {
            const overdue = s.tasks.filter((t) => t.status === 'overdue').length;
            return {
              key: s.id,
              label: (
                <Space wrap>
                  <b>{s.number}</b>
                  {s.heading}
                  {s.groupKind && <Tag color="blue">giao nhóm: {s.tasks.length} nhiệm vụ</Tag>}
                  {overdue > 0 && <Tag color="red">{overdue} quá hạn</Tag>}
                </Space>
              ),
              children: <TaskTable rows={s.tasks} showUnit />,
            };
          })}
        />
      </Card>
    </Space>
  );
}
