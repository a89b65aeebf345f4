import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { DownloadOutlined } from '@ant-design/icons';
import { api, errorMessage, queryClient, unwrap, urlFor } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useProvinceUnits, useSession } from '../../lib/session';
import { COMMUNE_TYPES, type Sheet } from './common';
import { EvidenceCell } from './EvidenceCell';
import { DecimalInput } from '../../components/DecimalInput';

type Stage = 'self' | 'appraisal1' | 'appraisal2' | 'final';
type Criterion = Sheet['criteria'][number];
const n = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatNumber(v, 2));

/** The stage an appraiser writes in, from the sheet's state. */
const appraisalStage = (state: string | null): Stage => (state === 'explained' || state === 'appraised2' ? 'appraisal2' : 'appraisal1');

export function SheetTab({ roundId, group, picker }: { roundId: number; group: string | undefined; picker: ReactNode }) {
  const { me, unitCode } = useSession();
  // Wide screens keep the code and the criterion in view while the stage columns scroll.
  const wide = !!Grid.useBreakpoint().lg;
  const { message } = App.useApp();
  const allUnits = useProvinceUnits();
  const groupUnits = (allUnits.data ?? []).filter((u) => (COMMUNE_TYPES.includes(u.type) ? 'commune' : 'department') === group);
  const provincial = me.scope === 'province';
  const [chosen, setChosen] = useState<string | undefined>();
  const inGroup = (code: string | undefined) => groupUnits.some((u) => u.code === code);
  // The province's own PAR INDEX self-assessment has one sheet: the province's.
  const provinceRound = group === 'province';
  const unit = provinceRound
    ? me.provinceCode
    : provincial
      ? ([chosen, unitCode].find((c) => c && inGroup(c)) ?? groupUnits[0]?.code)
      : me.unitCode;
  const sheet = useQuery({
    queryKey: ['assessment', 'sheet', roundId, unit],
    enabled: !!unit,
    queryFn: () => unwrap(api.GET('/api/assessment/rounds/{id}/units/{unitCode}', { params: { path: { id: roundId, unitCode: unit! } } })),
  });
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const s = sheet.data;
  const stage: Stage | null = s?.abilities.selfScore ? 'self' : s?.abilities.appraise ? appraisalStage(s.state) : null;
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/assessment/rounds/{id}/units/{unitCode}/scores', {
          params: { path: { id: roundId, unitCode: unit! } },
          body: {
            stage: stage!,
            // A changed score or note: the score shown (drafted or saved) with the note shown.
            scores: [...new Set([...Object.keys(draft), ...Object.keys(notes)])].flatMap((criterion) => {
              const c = s!.criteria.find((x) => x.code === criterion);
              const score = draft[criterion] ?? c?.[stage!]?.score ?? null;
              const note = notes[criterion] ?? c?.[stage!]?.note ?? undefined;
              return score === null ? [] : [{ criterion, score, ...(note ? { note } : {}) }];
            }),
          },
        }),
      ),
    onSuccess: (d) => {
      queryClient.setQueryData(['assessment', 'sheet', roundId, unit], d);
      void queryClient.invalidateQueries({ queryKey: ['assessment', 'results'] });
      setDraft({});
      setNotes({});
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
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/assessment/rounds/{id}/units/{unitCode}/withdraw', { params: { path: { id: roundId, unitCode: unit! } } })),
    onSuccess: (d) => {
      queryClient.setQueryData(['assessment', 'sheet', roundId, unit], d);
      message.success('Đã rút lại tự đánh giá để sửa');
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
        <DecimalInput
          size="small"
          min={0}
          max={c.maxPoints}
          step={0.25}

          aria-label={`Điểm ${c.code}`}
          value={draft[c.code] ?? v?.score ?? null}
          onChange={(x) => setDraft((d) => ({ ...d, [c.code]: x }))}
          style={{ width: 72 }}
        />
      );
    return v ? (
      <Space direction="vertical" size={0}>
        <span>{n(v.score)}</span>
        {v.note && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {v.by ? `${v.by}: ` : ''}
            {v.note}
          </Typography.Text>
        )}
      </Space>
    ) : null;
  };
  const noteCell = (_: unknown, c: Criterion) =>
    stage && editable(c) ? (
      <Input.TextArea
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={2000}
        aria-label={`Ghi chú ${c.code}`}
        placeholder={stage === 'self' ? 'Giải trình, căn cứ' : 'Nhận xét thẩm định'}
        value={notes[c.code] ?? c[stage]?.note ?? ''}
        onChange={(e) => setNotes((x) => ({ ...x, [c.code]: e.target.value }))}
      />
    ) : null;
  const dirty = Object.keys(draft).length + Object.keys(notes).length > 0;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {picker}
      {provincial && !provinceRound && (
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
      {provinceRound && s && (
        <Alert
          type="info"
          showIcon
          title="Tỉnh tự đánh giá Chỉ số CCHC cấp tỉnh (PAR INDEX) gửi Bộ Nội vụ: Sở Nội vụ chấm, lãnh đạo UBND tỉnh gửi."
          description={
            s.official ? (
              <span>
                Kết quả chính thức gần nhất: năm {s.official.year}
                {s.official.value !== null ? `, ${formatNumber(s.official.value, 2)} %` : ''}
                {s.official.rank !== null ? `, hạng ${s.official.rank}` : ''}.{' '}
                {s.official.href && <Link to={s.official.href}>Xem phân tích</Link>}
              </span>
            ) : (
              'Chưa có kết quả chính thức nào của tỉnh trong hệ thống.'
            )
          }
        />
      )}
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
      >
        <div style={{ marginBottom: 12 }}>
          <Space wrap>
            {s && (
              <>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={urlFor('/api/assessment/rounds/{id}/units/{unitCode}/summary.xlsx', {
                    path: { id: roundId, unitCode: s.unitCode },
                  })}
                >
                  Biểu tổng hợp (XLSX)
                </Button>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={urlFor('/api/assessment/rounds/{id}/units/{unitCode}/summary.docx', {
                    path: { id: roundId, unitCode: s.unitCode },
                  })}
                >
                  Báo cáo (DOCX)
                </Button>
              </>
            )}
            {stage && (
              <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
                {stage === 'self' ? 'Lưu điểm tự chấm' : 'Lưu điểm thẩm định'}
              </Button>
            )}
            {s?.abilities.withdraw && (
              <Button loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
                Rút lại để sửa
              </Button>
            )}
            {s?.abilities.submit && (
              <Button loading={submit.isPending} onClick={() => submit.mutate()}>
                {s.state === 'explaining' ? 'Gửi giải trình' : 'Gửi tự đánh giá'}
              </Button>
            )}
          </Space>
        </div>
        <Table<Criterion>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={s?.criteria ?? []}
          scroll={{ x: provinceRound ? 1300 : 1170 }}
          rowClassName={(c) => (c.level === 1 ? 'row-strong' : '')}
          columns={[
            { title: 'Mã', dataIndex: 'code', width: 50, fixed: wide ? 'left' : undefined },
            {
              title: 'Nội dung',
              dataIndex: 'content',
              width: wide ? 250 : 200,
              fixed: wide ? 'left' : undefined,
              render: (t: string, c) => (
                <span style={{ paddingLeft: (c.level - 1) * 16, fontWeight: c.level === 1 ? 600 : undefined }}>
                  {t} {c.evidenceRequired && <Tag>cần minh chứng</Tag>}
                </span>
              ),
            },
            { title: 'Tối đa', dataIndex: 'maxPoints', width: 60, align: 'right', render: n },
            ...(provinceRound
              ? [
                  {
                    title: 'Nhiệm vụ bảo vệ lĩnh vực',
                    width: 130,
                    render: (_: unknown, c: Criterion) =>
                      c.atRisk ? (
                        <Link to={c.atRisk.href ?? '/directives'}>
                          {formatNumber(c.atRisk.linked)} nhiệm vụ
                          {c.atRisk.overdue ? <Tag color="red">{formatNumber(c.atRisk.overdue)} quá hạn</Tag> : null}
                        </Link>
                      ) : null,
                  },
                ]
              : []),
            {
              title: 'Từ dữ liệu',
              width: 130,
              render: (_, c) =>
                c.computed && (
                  <Space direction="vertical" size={0}>
                    {c.computed.points === null ? (
                      <Typography.Text title="Đơn vị không phát sinh số liệu này trong năm: tiêu chí không áp dụng, không tính vào điểm tối đa.">
                        Chưa có số liệu — không áp dụng
                      </Typography.Text>
                    ) : (
                      <Typography.Text>
                        {c.computed.value !== null && `${formatNumber(c.computed.value, 1)} %`} → <b>{n(c.computed.points)}</b>{' '}
                        {c.computed.href && <Link to={c.computed.href}>xem</Link>}
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.computed.period}; {c.computed.rule}
                    </Typography.Text>
                  </Space>
                ),
            },
            { title: 'Tự chấm', width: 80, align: 'right', render: cell('self') },
            { title: 'Thẩm định 1', width: 80, align: 'right', render: cell('appraisal1') },
            { title: 'Thẩm định 2', width: 80, align: 'right', render: cell('appraisal2') },
            { title: 'Chốt', width: 70, align: 'right', render: cell('final') },
            ...(stage ? [{ title: stage === 'self' ? 'Giải trình, ghi chú' : 'Nhận xét', width: 180, render: noteCell }] : []),
            {
              title: 'Minh chứng',
              width: 190,
              render: (_: unknown, c: Criterion) =>
                s && !parents.has(c.code) && c.method ? <EvidenceCell sheet={s} c={c} editable={!!s.abilities.selfScore} /> : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
