import { Link } from 'react-router-dom';
import { Card, Col, List, Row, Statistic, Tag, Typography } from 'antd';
import { useEagerQuery } from '../lib/eager-query';
import dayjs from 'dayjs';
import { api, unwrap } from '../lib/api';
import { formatDate } from '../lib/format';
import { useSession, useProvinceUnits } from '../lib/session';
import { MODULES } from '../modules';

/**
 * What is in the system today, with real figures only. Module panels appear here as modules are built;
 * until then the page says plainly that a module has no data yet.
 */
export function HomePage() {
  const { me, unitCode } = useSession();
  const today = dayjs().format('YYYY-MM-DD');
  const year = Number(today.slice(0, 4));
  const children = useProvinceUnits();
  const unit = useEagerQuery({
    queryKey: ['unit', unitCode],
    queryFn: () => unwrap(api.GET('/api/units/{code}', { params: { path: { code: unitCode } } })),
  });
  const calendar = useEagerQuery({
    queryKey: ['calendar', year],
    queryFn: () => unwrap(api.GET('/api/calendar/years/{year}', { params: { path: { year } } })),
  });
  const workingToday = useEagerQuery({
    queryKey: ['is-working-day', today],
    queryFn: () => unwrap(api.GET('/api/calendar/is-working-day', { params: { query: { date: today } } })),
  });

  const unitFilter = unitCode === me.provinceCode ? undefined : unitCode;
  const units = children.data ?? [];
  const communes = units.filter((u) => ['commune', 'ward', 'special_zone'].includes(u.type)).length;
  const agencies = units.length - communes;
  const upcoming = (calendar.data?.days ?? []).filter((d) => d.date >= today).slice(0, 4);

  return (
    <>
      <Typography.Title level={3} className="page-title">
        Tổng quan
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        Xin chào {me.fullName}. Đang xem: <b>{unit.data?.name ?? '…'}</b>. Hôm nay {formatDate(today)}
        {workingToday.data &&
          (workingToday.data.workingDay ? (
            <Tag color="green" style={{ marginLeft: 8 }}>
              ngày làm việc
            </Tag>
          ) : (
            <Tag style={{ marginLeft: 8 }}>ngày nghỉ</Tag>
          ))}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {MODULES.map((m) => (m.HomePanel ? <m.HomePanel key={m.path} unit={unitFilter} today={today} /> : null))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              groupSeparator="."
              decimalSeparator=","
              title="Sở, ban, ngành và đơn vị cấp tỉnh"
              value={agencies}
              loading={children.isPending}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic groupSeparator="." decimalSeparator="," title="Xã, phường, đặc khu" value={communes} loading={children.isPending} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card
            title="Ngày nghỉ, ngày làm bù sắp tới"
            size="small"
            loading={calendar.isPending}
            extra={<Link to="/admin/calendar">Lịch làm việc</Link>}
          >
            {upcoming.length === 0 ? (
              <Typography.Text type="secondary">Không còn ngày nghỉ lễ hay ngày làm bù nào trong năm {year}.</Typography.Text>
            ) : (
              upcoming.map((d) => (
                <div key={d.date}>
                  {formatDate(d.date)} – {d.name} {d.kind === 'makeup_workday' ? <Tag color="orange">làm bù</Tag> : <Tag>nghỉ</Tag>}
                </div>
              ))
            )}
          </Card>
        </Col>
      </Row>
      <Card title="Các phân hệ" style={{ marginTop: 16 }}>
        <List
          dataSource={MODULES}
          renderItem={(m) => (
            <List.Item>
              <List.Item.Meta
                avatar={m.icon}
                title={
                  <>
                    <Link to={m.path}>{m.label}</Link>{' '}
                    {m.routes ? <Tag color="green">Đang hoạt động</Tag> : <Tag>Chưa triển khai, chưa có dữ liệu</Tag>}
                  </>
                }
                description={m.description}
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
