import { useSearchParams, Link } from 'react-router-dom';
import { Button, Space, Tabs, Typography } from 'antd';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useSession } from '../../lib/session';
import { Dashboard } from './DashboardTab';
import { TaskList } from './TaskTables';
import { DirectiveList } from './DirectiveListTab';
import { CompiledReport } from './CompiledReportTab';

export function DirectivesPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'dashboard';
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} className="page-title">
          Chỉ đạo, điều hành
        </Typography.Title>
        <Space wrap>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            In
          </Button>
          {can('directive.create') && (
            <Link to="/directives/import">
              <Button type="primary" icon={<PlusOutlined />}>
                Nhập văn bản chỉ đạo
              </Button>
            </Link>
          )}
        </Space>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'dashboard', label: 'Bảng điều hành', children: <Dashboard /> },
          { key: 'overdue', label: 'Nhiệm vụ quá hạn', children: <TaskList status="overdue" /> },
          { key: 'tasks', label: 'Nhiệm vụ', children: <TaskList /> },
          { key: 'list', label: 'Văn bản', children: <DirectiveList /> },
          ...(can('directive.report') ? [{ key: 'report', label: 'Báo cáo tổng hợp', children: <CompiledReport /> }] : []),
        ]}
      />
    </>
  );
}
