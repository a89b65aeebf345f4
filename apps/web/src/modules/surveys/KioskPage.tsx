/**
 * The counter kiosk: a screen beside the one-stop counter where the person just served gives one rating
 * (the service items), for the officer's unit, with no personal data; the form clears itself afterwards.
 *
 * Once started it is locked: no staff menu, full screen where the browser allows it, the Back button kept on
 * the page, and leaving asks for the officer's password (checked by the server and counted toward the
 * account's lock), so the next person in the queue cannot wander into the staff system.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Form, Input, Modal, Result, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage, unwrap } from '../../lib/api';
import { useSession } from '../../lib/session';
import { AnswerForm } from './AnswerForm';
import type { Answers } from './common';

/** A form left half-filled is cleared after this long without a touch (the person has gone). */
const IDLE_MS = 90_000;
const THANKS_MS = 6_000;

export function KioskPage() {
  const id = Number(useParams().id);
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const detail = useQuery({
    queryKey: ['surveys', 'detail', id],
    queryFn: () => unwrap(api.GET('/api/surveys/{id}', { params: { path: { id } } })),
  });
  const [locked, setLocked] = useState(false);
  const [answers, setAnswers] = useState<Answers>({});
  const [thanks, setThanks] = useState(false);
  const [startedAt, setStartedAt] = useState(() => new Date().toISOString());
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const lastTouch = useRef(0);

  const reset = useCallback(() => {
    setThanks(false);
    setAnswers({});
    setStartedAt(new Date().toISOString());
  }, []);

  useEffect(() => {
    if (!thanks) return;
    const t = setTimeout(reset, THANKS_MS);
    return () => clearTimeout(t);
  }, [thanks, reset]);

  // The person walked away mid-form: the next one starts on a clean form.
  useEffect(() => {
    if (!locked || !Object.keys(answers).length) return;
    lastTouch.current = Date.now();
    const t = setInterval(() => Date.now() - lastTouch.current > IDLE_MS && reset(), 5_000);
    return () => clearInterval(t);
  }, [locked, answers, reset]);

  // Back stays on the kiosk while it is locked.
  useEffect(() => {
    if (!locked) return;
    window.history.pushState(null, '', window.location.href);
    const stay = () => window.history.pushState(null, '', window.location.href);
    window.addEventListener('popstate', stay);
    return () => window.removeEventListener('popstate', stay);
  }, [locked]);

  const start = () => {
    // Full screen needs this click; a browser that refuses it (or has none) still gets the locked page.
    document.documentElement.requestFullscreen?.().catch(() => undefined);
    setLocked(true);
    reset();
  };
  const leave = () => {
    setLeaving(false);
    setLocked(false);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    navigate(`/surveys/${id}`, { replace: true });
  };

  const v = detail.data;
  if (detail.isError) return <Alert type="error" showIcon style={{ margin: 24 }} title={errorMessage(detail.error)} />;
  if (!v) return null;
  if (v.status !== 'published' || !v.can.enter)
    return (
      <main className="kiosk">
        <Alert type="warning" showIcon title="Cuộc khảo sát không mở nhận phiếu tại quầy." />
        <Button style={{ marginTop: 16 }} onClick={() => navigate(`/surveys/${id}`)}>
          Quay lại cuộc khảo sát
        </Button>
      </main>
    );

  if (!locked)
    return (
      <main className="kiosk">
        <Result
          icon={<LockOutlined />}
          title="Máy đánh giá tại quầy"
          subTitle={
            <>
              {v.name} — {me.unitName}.
              <br />
              Màn hình chuyển sang toàn màn hình, không hiện trình đơn của hệ thống; người dân chỉ chọn mức hài lòng. Muốn thoát, cán bộ
              nhập mật khẩu của mình.
            </>
          }
          extra={
            <Space wrap style={{ justifyContent: 'center' }}>
              <Button type="primary" size="large" onClick={start}>
                Bắt đầu nhận đánh giá
              </Button>
              <Button size="large" onClick={() => navigate(`/surveys/${id}`)}>
                Quay lại
              </Button>
            </Space>
          }
        />
      </main>
    );

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
    <main className="kiosk" onPointerDown={() => (lastTouch.current = Date.now())}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Ông/Bà hài lòng với việc giải quyết hồ sơ hôm nay?
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {me.unitName} — không cần ghi họ tên hay số điện thoại. Chọn mức từ 1 (Rất không hài lòng) đến 5 (Rất hài lòng) cho những nội dung
        Ông/Bà muốn đánh giá.
      </Typography.Paragraph>
      {thanks ? (
        <Result status="success" title="Xin cảm ơn Ông/Bà đã đánh giá!" subTitle="Màn hình sẽ sẵn sàng cho người tiếp theo sau vài giây." />
      ) : (
        <>
          <AnswerForm
            definition={v.definition}
            value={answers}
            onChange={(a) => {
              lastTouch.current = Date.now();
              setAnswers(a);
            }}
            only={only}
            large
          />
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
      <div className="kiosk-exit">
        <Button type="text" size="small" icon={<LockOutlined />} onClick={() => setLeaving(true)}>
          Cán bộ thoát
        </Button>
      </div>
      <LeaveDialog open={leaving} onCancel={() => setLeaving(false)} onConfirmed={leave} />
    </main>
  );
}

/** The officer's password, checked by the server, before the kiosk gives the staff system back. */
function LeaveDialog({ open, onCancel, onConfirmed }: { open: boolean; onCancel: () => void; onConfirmed: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/api/auth/confirm', { body: { password } }));
      form.resetFields();
      onConfirmed();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title="Thoát chế độ máy tại quầy"
      okText="Thoát"
      cancelText="Ở lại"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onCancel();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>Nhập mật khẩu của cán bộ đang đăng nhập để trở lại hệ thống.</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="password" label="Mật khẩu" rules={[{ required: true, message: 'Nhập mật khẩu' }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
