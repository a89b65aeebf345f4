import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Empty, Select, Space, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useProvinceUnits, useSession } from '../../lib/session';
import { COMMUNE_TYPES, GROUP_LABELS } from './common';
import { ResultsTab } from './ResultsTab';
import { SheetTab } from './SheetTab';
import { FrameworksTab } from './FrameworksTab';
import { AnalysisTab } from './AnalysisTab';
import { RoundTab } from './RoundTab';

/** The internal CCHC index: results of a round, a unit's sheet, the frameworks. */
export function AssessmentPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const rounds = useQuery({ queryKey: ['assessment', 'rounds'], queryFn: () => unwrap(api.GET('/api/assessment/rounds')) });
  const [roundId, setRoundId] = useState<number | undefined>();
  useEffect(() => {
    if (!roundId && rounds.data?.length) setRoundId(rounds.data[0]!.id);
  }, [rounds.data, roundId]);
  const round = rounds.data?.find((r) => r.id === roundId);
  const allUnits = useProvinceUnits();
  const groupUnits = (allUnits.data ?? [])
    .filter((u) => (COMMUNE_TYPES.includes(u.type) ? 'commune' : 'department') === round?.unitGroup)
    .map((u) => ({ code: u.code, name: u.name }));
  const tab = params.get('tab') ?? (can('assessment.results') ? 'results' : 'sheet');
  const roundPicker = (
    <Space wrap>
      <span>Đợt đánh giá</span>
      <Select
        style={{ minWidth: 320 }}
        value={roundId}
        onChange={setRoundId}
        loading={rounds.isPending}
        options={(rounds.data ?? []).map((r) => ({
          value: r.id,
          label: `${r.year} – ${GROUP_LABELS[r.unitGroup] ?? r.unitGroup}${r.publishedAt ? ' (đã công bố)' : ''}`,
        }))}
      />
      {round && (
        <Typography.Text type="secondary">
          Hạn tự đánh giá {formatDate(round.selfEnd)} · thẩm định lần 1 {formatDate(round.appraisal1End)} · giải trình{' '}
          {formatDate(round.explanationEnd)} · thẩm định lần 2 {formatDate(round.appraisal2End)}
        </Typography.Text>
      )}
    </Space>
  );
  const needsRound = (node: React.ReactNode) =>
    roundId ? node : <Card>{rounds.isPending ? null : <Empty description="Chưa có đợt đánh giá nào." />}</Card>;
  return (
    <>
      <Typography.Title level={3} className="page-title">
        Chỉ số CCHC nội bộ
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          ...(can('assessment.results')
            ? [
                {
                  key: 'results',
                  label: 'Kết quả, xếp hạng',
                  children: needsRound(
                    <ResultsTab
                      roundId={roundId!}
                      picker={roundPicker}
                      published={{
                        at: round?.publishedAt ?? null,
                        decisionNumber: round?.decisionNumber ?? null,
                        decisionDate: round?.decisionDate ?? null,
                      }}
                    />,
                  ),
                },
              ]
            : []),
          ...(can('assessment.results')
            ? [
                {
                  key: 'analysis',
                  label: 'Phân tích điểm bị mất',
                  children: needsRound(<AnalysisTab roundId={roundId!} picker={roundPicker} units={groupUnits} />),
                },
              ]
            : []),
          {
            key: 'sheet',
            label: 'Phiếu đánh giá của đơn vị',
            children: needsRound(<SheetTab roundId={roundId!} group={round?.unitGroup} picker={roundPicker} />),
          },
          ...(can('assessment.manage') && round
            ? [{ key: 'round', label: 'Phân công, hạn', children: <RoundTab round={round} picker={roundPicker} /> }]
            : []),
          { key: 'frameworks', label: 'Bộ tiêu chí', children: <FrameworksTab /> },
        ]}
      />
    </>
  );
}
