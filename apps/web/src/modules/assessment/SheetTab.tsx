import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, errorMessage, queryClient, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useProvinceUnits, useSession } from '../../lib/session';
import type { Sheet } from './common';

type Stage = 'self' | 'appraisal1' | 'appraisal2' | 'final';
type Criterion = Sheet['criteria'][number];
const n = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatNumber(v, 2));

/** The stage an appraiser writes in, from the sheet's state. */
const appraisalStage = (state: string | null): Stage => (state === 'explained' || state === 'appraised2' ? 'appraisal2' : 'appraisal1');

const COMMUNE_TYPES = ['commune', 'ward', 'special_zone'];

export function SheetTab({ roundId, group, picker }: { roundId: number; group: string | undefined; picker: ReactNode }) {
  const { me, unitCode } = useSession();
  const { message } = App.useApp();
  const allUnits = useProvinceUnits();
  const groupUnits = (allUnits.data ?? []).filter((u) => (COMMUNE_TYPES.includes(u.type) ? 'commune' : 'department') === group);
  const provincial = me.scope === 'province';
  const [chosen, setChosen] = useState<string | undefined>();
  const inGroup = (code: string | undefined) => groupUnits.some((u) => u.code === code);
  const unit = provincial ? ([chosen, unitCode].find((c) => c && inGroup(c)) ?? groupUnits[0]?.code) : me.unitCode;
  const sheet = useQuery({
    queryKey: ['assessment', 'sheet', roundId, unit],
    enabled: !!unit,
    queryFn: () => unwrap(api.GET('/api/assessment/rounds/{id}/units/{unitCode}', { params: { path: { id: roundId, unitCode: unit! } } })),
  });
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  const s = sheet.data;
  const stage: Stage | null = s?.abilities.selfScore ? 'self' : s?.abilities.appraise ? appraisalStage(s.state) : null;
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/assessment/rounds/{id}/units/{unitCode}/scores', {
          params: { path: { id: roundId, unitCode: unit! } },
          body: {
            stage: stage!,
            scores: Object.entries(draft)
              .filter(([, v]) => v !== null)
              .map(([criterion, score]) => ({ criterion, score: score! })),
          },
        }),
      ),
    onSuccess: (d) => {
      queryClient.setQueryData(['assessment', 'sheet', roundId, unit], d);
      void queryClient.invalidateQueries({ queryKey: ['assessment', 'results'] });
      setDraft({});
      message.success('Đã lưu điểm');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const submit = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/assessment/rounds/{id}/units/{unitCode}/submit', { params: { path: { id: roundId, unitCode: unit! } } })),
    onSuccess: (d) => {
      queryClient.setQueryData(['assessment', 'sheet', roundId, unit], d);
      message.success('Đã gửi');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const parents = new Set((s?.criteria ?? []).filter((c) => c.level > 1).map((c) => c.code.slice(0, c.code.lastIndexOf('.'))));
  const editable = (c: Criterion) =>
    !!stage && !parents.has(c.code) && c.method !== 'du_lieu' && !(stage === 'self' && c.method === 'khao_sat');
  const cell = (stageKey: Stage) => (_: unknown, c: Criterion) => {
    const v = c[stageKey];
    if (stageKey === stage && editable(c))
      return (
        <InputNumber
          size="small"
          min={0}
          max={c.maxPoints}
          step={0.25}
          decimalSeparator=","
          aria-label={`Điểm ${c.code}`}
          value={draft[c.code] ?? v?.score ?? null}
          onChange={(x) => setDraft((d) => ({ ...d, [c.code]: x }))}
          style={{ width: 80 }}
        />
      );
    return v ? (
      <Tooltip title={[v.by, v.note].filter(Boolean).join(': ') || undefined}>
        <span>{n(v.score)}</span>
      </Tooltip>
    ) : null;
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {picker}
      {provincial && (
        <Space wrap>
          <span>Đơn vị</span>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 300 }}
            value={unit}
            onChange={setChosen}
            options={groupUnits.map((u) => ({ value: u.code, label: u.name }))}
          />
        </Space>
      )}
      {sheet.isError && <Alert type="error" showIcon title={errorMessage(sheet.error)} />}
      <Card
        size="small"
        loading={sheet.isPending}
        title={
          s && (
            <Space wrap>
              <span>{s.unitName}</span>
              <Tag color={s.state === 'final' ? 'green' : s.state ? 'blue' : undefined}>{s.stateLabel}</Tag>
            </Space>
          )
        }
        extra={
          <Space wrap>
            {stage && (
              <Button type="primary" disabled={!Object.keys(draft).length} loading={save.isPending} onClick={() => save.mutate()}>
                {stage === 'self' ? 'Lưu điểm tự chấm' : 'Lưu điểm thẩm định'}
              </Button>
            )}
            {s?.abilities.submit && (
              <Button loading={submit.isPending} onClick={() => submit.mutate()}>
                {s.state === 'explaining' ? 'Gửi giải trình' : 'Gửi tự đánh giá'}
              </Button>
            )}
          </Space>
        }
      >
        <Table<Criterion>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={s?.criteria ?? []}
          scroll={{ x: 980 }}
          rowClassName={(c) => (c.level === 1 ? 'row-strong' : '')}
          columns={[
            { title: 'Mã', dataIndex: 'code', width: 60 },
            {
              title: 'Nội dung',
              dataIndex: 'content',
              render: (t: string, c) => (
                <span style={{ paddingLeft: (c.level - 1) * 16, fontWeight: c.level === 1 ? 600 : undefined }}>
                  {t} {c.evidenceRequired && <Tag>cần minh chứng</Tag>}
                </span>
              ),
            },
            { title: 'Tối đa', dataIndex: 'maxPoints', width: 70, align: 'right', render: n },
            {
              title: 'Từ dữ liệu',
              width: 150,
              render: (_, c) =>
                c.computed && (
                  <Typography.Text>
                    {c.computed.value === null ? 'chưa có số liệu' : `${formatNumber(c.computed.value, 1)} %`} →{' '}
                    <b>{n(c.computed.points)}</b> {c.computed.href && <Link to={c.computed.href}>xem</Link>}
                  </Typography.Text>
                ),
            },
            { title: 'Tự chấm', width: 95, align: 'right', render: cell('self') },
            { title: 'Thẩm định 1', width: 95, align: 'right', render: cell('appraisal1') },
            { title: 'Thẩm định 2', width: 95, align: 'right', render: cell('appraisal2') },
            { title: 'Chốt', width: 80, align: 'right', render: cell('final') },
          ]}
        />
      </Card>
    </Space>
  );
}
