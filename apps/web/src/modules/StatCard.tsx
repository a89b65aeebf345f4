import { Link } from 'react-router-dom';
import { Card, Col, Statistic } from 'antd';

/** One figure on the home page, linking to where it comes from; Vietnamese number format. */
export function StatCard(props: { to: string; title: string; value: number; suffix?: string; loading: boolean; danger?: boolean }) {
  return (
    <Col xs={12} md={6}>
      <Link to={props.to}>
        <Card hoverable>
          <Statistic
            groupSeparator="."
            decimalSeparator=","
            title={props.title}
            value={props.value}
            suffix={props.suffix}
            loading={props.loading}
            styles={{ content: { color: props.danger && props.value ? '#cf1322' : undefined } }}
          />
        </Card>
      </Link>
    </Col>
  );
}
