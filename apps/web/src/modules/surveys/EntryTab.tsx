/**
 * Entering forms: a returned paper form by its code, or an interview (the interviewer recorded). An
 * interview saved without signal is kept in the browser and synced when the connection returns; each
 * form carries its own id, so syncing twice stores it once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Input, Radio, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, api, errorMessage, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useProvinceUnits } from '../../lib/session';
import { AnswerForm } from './AnswerForm';
import type { Answers, PaperForm, SurveyDetail } from './common';

interface Pending {
  clientId: string;
  channel: 'interview';
  unitCode?: string;
  paperCode?: string;
  answers: Answers;
  startedAt: string;
  savedAt: string;
}
const storeKey = (id: number) => `cchc.survey.${id}.pending`;
const readPending = (id: number): Pending[] => {
  try {
    return JSON.parse(localStorage.getItem(storeKey(id)) ?? '[]') as Pending[];
  } catch {
    return [];
  }
};
const writePending = (id: number, items: Pending[]) => localStorage.setItem(storeKey(id), JSON.stringify(items));

export function EntryTab({ survey }: { survey: SurveyDetail }) {
  const [mode, setMode] = useState<'paper' | 'interview'>('paper');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Radio.Group
        value={mode}
        onChange={(e) => setMode(e.target.value as 'paper')}
        optionType="button"
        options={[
          { value: 'paper', label: 'Nhập phiếu giấy gửi về' },
          { value: 'interview', label: 'Phỏng vấn (dùng được khi mất mạng)' },
        ]}
      />
      {mode === 'paper' ? <PaperEntry survey={survey} /> : <InterviewEntry survey={survey} />}
    </Space>
  );
}

function PaperEntry({ survey }: { survey: SurveyDetail }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const [form, setForm] = useState<PaperForm | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [busy, setBusy] = useState(false);
  const find = async (v: string) => {
    try {
      const f = (await unwrap(api.GET('/api/surveys/paper/{code}', { params: { path: { code: v.trim() } } }))) as PaperForm;
      if (f.surveyId !== survey.id) return message.error(`Phiếu ${f.paperCode} thuộc cuộc khảo sát khác: ${f.surveyName}.`);
      setForm(f);
      setAnswers({});
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const save = async () => {
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/surveys/{id}/responses', {
          params: { path: { id: survey.id } },
          body: { channel: 'paper', paperCode: form!.paperCode, answers },
        }),
      );
      message.success(`Đã lưu phiếu ${form!.paperCode}.`);
      setForm(null);
      setCode('');
      void qc.invalidateQueries({ queryKey: ['surveys'] });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="Phiếu giấy">
      <Space wrap>
        <Input.Search
          placeholder="Mã in trên phiếu, ví dụ K7Q2-M9XD"
          enterButton="Tìm phiếu"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onSearch={find}
          style={{ width: 340 }}
          aria-label="Mã phiếu"
        />
      </Space>
      {form && (
        <div style={{ marginTop: 12 }}>
          {form.status === 'answered' ? (
            <Alert type="warning" showIcon message={`Phiếu ${form.paperCode} đã được nhập hoặc người được chọn đã trả lời trực tuyến.`} />
          ) : (
            <>
              <Typography.Text strong>
                Phiếu {form.paperCode} — {form.unitName}
              </Typography.Text>
              <AnswerForm definition={survey.definition} value={answers} onChange={setAnswers} />
              <Space style={{ marginTop: 12 }}>
                <Button type="primary" onClick={save} loading={busy} disabled={!Object.keys(answers).length}>
                  Lưu phiếu ({formatNumber(Object.keys(answers).length)} câu)
                </Button>
                <Button onClick={() => setForm(null)}>Hủy</Button>
              </Space>
            </>
          )}
        </div>
      )}
    </Card>
  );
}

function InterviewEntry({ survey }: { survey: SurveyDetail }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const units = useProvinceUnits();
  const [unitCode, setUnitCode] = useState<string | undefined>();
  const [paperCode, setPaperCode] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const [startedAt, setStartedAt] = useState(() => new Date().toISOString());
  const [pending, setPending] = useState<Pending[]>(() => readPending(survey.id));
  const [online, setOnline] = useState(navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  // One sync at a time (the browser may report "online" twice); a form sent twice is stored once anyway.
  const running = useRef(false);

  const sync = useCallback(async () => {
    const items = readPending(survey.id);
    if (!items.length || running.current) return;
    running.current = true;
    setSyncing(true);
    try {
      const r = await unwrap(
        api.POST('/api/surveys/{id}/responses/sync', {
          params: { path: { id: survey.id } },
          body: { items: items.map(({ savedAt: _s, ...rest }) => ({ ...rest, paperCode: rest.paperCode || undefined })) },
        }),
      );
      const failed = r.results.filter((x) => x.status === 'error');
      const keep = items.filter((i) => failed.some((f) => f.clientId === i.clientId));
      writePending(survey.id, keep);
      setPending(keep);
      const stored = r.results.length - failed.length;
      if (stored) message.success(`Đã đồng bộ ${formatNumber(stored)} phiếu.`);
      for (const f of failed) message.error(f.message ?? 'Phiếu không lưu được.');
      void qc.invalidateQueries({ queryKey: ['surveys'] });
    } catch (e) {
      if (!(e instanceof ApiError)) message.warning('Chưa có mạng: các phiếu vẫn được giữ trên máy này.');
      else message.error(errorMessage(e));
    } finally {
      running.current = false;
      setSyncing(false);
    }
  }, [survey.id, message, qc]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [sync]);

  const save = async () => {
    const item: Pending = {
      clientId: crypto.randomUUID(),
      channel: 'interview',
      unitCode: paperCode ? undefined : unitCode,
      paperCode: paperCode || undefined,
      answers,
      startedAt,
      savedAt: new Date().toISOString(),
    };
    // Kept first, sent after: a form is never lost between the two.
    const next = [...readPending(survey.id), item];
    writePending(survey.id, next);
    setPending(next);
    setAnswers({});
    setPaperCode('');
    setStartedAt(new Date().toISOString());
    if (navigator.onLine) await sync();
    else message.info('Đã lưu phiếu trên máy; sẽ gửi khi có mạng.');
  };
  return (
    <Card size="small" title="Phỏng vấn">
      <Space direction="vertical" style={{ width: '100%' }}>
        {!online && <Alert type="warning" showIcon message="Đang mất mạng: phiếu được lưu trên máy và tự gửi khi có mạng lại." />}
        {pending.length > 0 && (
          <Alert
            type="info"
            showIcon
            message={`${formatNumber(pending.length)} phiếu chờ gửi`}
            action={
              <Button size="small" onClick={sync} loading={syncing}>
                Đồng bộ
              </Button>
            }
          />
        )}
        <Space wrap>
          <Input
            placeholder="Mã phiếu của người được chọn (nếu có)"
            value={paperCode}
            onChange={(e) => setPaperCode(e.target.value)}
            style={{ width: 300 }}
            aria-label="Mã phiếu"
          />
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="Đơn vị được đánh giá (phỏng vấn bổ sung tại quầy)"
            style={{ width: 340 }}
            value={unitCode}
            onChange={setUnitCode}
            disabled={!!paperCode}
            options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
            aria-label="Đơn vị được đánh giá"
          />
        </Space>
        <AnswerForm definition={survey.definition} value={answers} onChange={setAnswers} />
        <Button type="primary" onClick={save} disabled={!Object.keys(answers).length || (!paperCode && !unitCode)}>
          Lưu phiếu phỏng vấn
        </Button>
      </Space>
    </Card>
  );
}
