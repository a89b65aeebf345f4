import { useSearchParams } from 'react-router-dom';
import { Tabs, Typography } from 'antd';
import { useSession } from '../../lib/session';
import { Overview } from './OverviewTab';
import { Causes } from './CausesTab';
import { Index766Tab } from './Index766Tab';
import { ImportTab } from './ImportTab';

export function DossiersPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  return (
    <>
      <Typography.Title level={3} className="page-title">
        Hồ sơ thủ tục hành chính
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'overview', label: 'Tình hình giải quyết', children: <Overview /> },
          { key: 'causes', label: 'Nguyên nhân trễ hạn', children: <Causes /> },
          { key: '766', label: 'Bộ chỉ số 766', children: <Index766Tab /> },
          ...(can('dossier.import') ? [{ key: 'import', label: 'Nhập dữ liệu', children: <ImportTab /> }] : []),
        ]}
      />
    </>
  );
}
