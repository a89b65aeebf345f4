/**
 * The counter kiosk: a screen beside the one-stop counter where the person just served gives one rating
 * (the service items), for the officer's unit, with no personal data; the form clears itself afterwards.
 */
import { useEffect, useState } from 'react';
import { useParams, Link } from 'react-router-dom';
import { Alert, App, Button, Result, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage, unwrap } from '../../lib/api';
import { useSession } from '../../lib/session';
import { AnswerForm } from './AnswerForm';
import type { Answers } from './common';

export function KioskPage() {
  const id = Number(useParams().id);
  const { me } = useSession();
  const { message } = App.useApp();
  const detail = useQuery({
    queryKey: ['surveys', 'detail', id],
    queryFn: () => unwrap(api.GET('/api/surveys/{id}', { params: { path: { id } } })),
  });
  const [answers, setAnswers] = useState<Answers>({});
  const [thanks, setThanks] = useState(false);
  const [startedAt, setStartedAt] = useState(() => new Date().toISOString());
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!thanks) return;
    const t = setTimeout(() => {
      setThanks(false);
      setAnswers({});
      setStartedAt(new Date().toISOString());
    }, 6000);
    return () => clearTimeout(t);
  }, [thanks]);
  const v = detail.data;
  if (!v) return null;
  if (v.status !== 'published' || !v.can.enter) return <Alert type="warning" message="Cuộc khảo sát không mở nhận phiếu tại quầy." />;
  const service = v.definition.sections.flatMap((s) => s.questions).filter((q) => q.type === 'scale5' && (q.aspect ?? '').startsWith('DV'));
  const only = service.length ? (q: { id: string }) => service.some((x) => x.id === q.id) : (q: { type: string }) => q.type === 'scale5';
  const send = async () => {
    setBusy(true);
    try {
      await unwrap(api.POST('/api/surveys/{id}/responses', { params: { path: { id } }, body: { channel: 'kiosk', answers, startedAt } }));
      setThanks(true);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="kiosk" style={{ maxWidth: 980, margin: '0 auto' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Ông/Bà hài lòng với việc giải quyết hồ sơ hôm nay?
        </Typography.Title>
        <Link to={`/surveys/${id}`}>Thoát chế độ quầy</Link>
      </Space>
      <Typography.Paragraph type="secondary">
        {me.unitName} — không cần ghi họ tên hay số điện thoại. Chọn mức từ 1 (Rất không hài lòng) đến 5 (Rất hài lòng) cho những nội dung
        Ông/Bà muốn đánh giá.
      </Typography.Paragraph>
      {thanks ? (
        <Result status="success" title="Xin cảm ơn Ông/Bà đã đánh giá!" subTitle="Màn hình sẽ sẵn sàng cho người tiếp theo sau vài giây." />
      ) : (
        <>
          <AnswerForm definition={v.definition} value={answers} onChange={setAnswers} only={only} large />
          <Button
            type="primary"
            size="large"
            block
            style={{ marginTop: 16, minHeight: 56 }}
            disabled={!Object.keys(answers).length}
            loading={busy}
            onClick={send}
          >
            Gửi đánh giá
          </Button>
        </>
      )}
    </main>
  );
}
