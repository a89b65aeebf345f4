/** The public form (no login, mobile first): what happened, where, a photo, how to answer the sender. */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Form, Input, Result, Select, Space, Typography, type UploadFile } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { formatDate } from '../../lib/format';
import { api, errorMessage, multipartForm, unwrap, upload } from '../../lib/api';
import { solvedChallenge } from './publicApi';
import { PhotoPicker, photoParts } from './PhotoPicker';

interface Values {
  name: string;
  phone?: string;
  email?: string;
  category?: string;
  kind: string;
  title?: string;
  content: string;
  place?: string;
  consent: boolean;
}

export function PublicShell({ children, title }: { children: React.ReactNode; title: string }) {
  return (
    <main style={{ maxWidth: 720, margin: '0 auto', padding: '16px 12px 48px' }}>
      <nav aria-label="Phản ánh, kiến nghị" style={{ marginBottom: 8 }}>
        <Space wrap size={16}>
          <Link to="/public/feedback">Gửi phản ánh</Link>
          <Link to="/public/feedback/track">Tra cứu phản ánh</Link>
          <Link to="/public/feedback/answers">Kết quả trả lời</Link>
        </Space>
      </nav>
      <Typography.Title level={3} style={{ marginTop: 8 }}>
        {title}
      </Typography.Title>
      {children}
    </main>
  );
}

export function PublicFeedbackPage() {
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [where, setWhere] = useState<{ latitude: number; longitude: number } | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ code: string; dueDate: string } | null>(null);
  const challenge = useRef<Promise<string | null> | null>(null);
  useEffect(() => {
    challenge.current = solvedChallenge();
  }, [done]);
  const cats = useQuery({
    queryKey: ['public', 'feedback', 'categories'],
    queryFn: () => unwrap(api.GET('/api/public/feedback/categories')),
  });
  const send = async (v: Values) => {
    setSending(true);
    setError(null);
    try {
      const altcha = await challenge.current;
      const f = multipartForm(
        { ...v, consent: v.consent ? 'true' : 'false', latitude: where?.latitude, longitude: where?.longitude, altcha },
        photoParts(photos),
      );
      setDone((await upload('/api/public/feedback', f)) as unknown as { code: string; dueDate: string });
      form.resetFields();
      setPhotos([]);
      setWhere(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };
  if (done)
    return (
      <PublicShell title="Gửi phản ánh, kiến nghị">
        <Result
          status="success"
          title="Đã tiếp nhận phản ánh của bạn"
          subTitle={
            <>
              Mã tra cứu:{' '}
              <Typography.Text strong copyable>
                {done.code}
              </Typography.Text>
              . Hạn trả lời: {formatDate(done.dueDate)} (15 ngày làm việc). Giữ mã này để theo dõi kết quả và đánh giá trả lời.
            </>
          }
          extra={[
            <Link key="t" to={`/public/feedback/track?code=${done.code}`}>
              <Button type="primary">Theo dõi phản ánh</Button>
            </Link>,
            <Button key="n" onClick={() => setDone(null)}>
              Gửi phản ánh khác
            </Button>,
          ]}
        />
      </PublicShell>
    );
  return (
    <PublicShell title="Gửi phản ánh, kiến nghị">
      <Typography.Paragraph type="secondary">
        Phản ánh, kiến nghị về quy định hành chính, việc giải quyết thủ tục và hành vi của cán bộ, công chức (Nghị định 20/2008/NĐ-CP).
        Khiếu nại, tố cáo được chuyển xử lý theo Luật Khiếu nại, Luật Tố cáo. Thông tin cá nhân của bạn chỉ bộ phận tiếp nhận được xem,
        không công khai.
      </Typography.Paragraph>
      <Card>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={send} initialValues={{ kind: 'phan_anh', consent: false }}>
          <Form.Item name="kind" label="Bạn muốn">
            <Select
              options={[
                { value: 'phan_anh', label: 'Phản ánh một sự việc' },
                { value: 'kien_nghi', label: 'Kiến nghị một giải pháp, quy định mới' },
              ]}
            />
          </Form.Item>
          <Form.Item name="category" label="Lĩnh vực">
            <Select
              allowClear
              placeholder="Chọn lĩnh vực (nếu biết)"
              options={(cats.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
            />
          </Form.Item>
          <Form.Item name="title" label="Tiêu đề">
            <Input maxLength={300} placeholder="Ví dụ: Rác thải tồn đọng đầu hẻm 12" />
          </Form.Item>
          <Form.Item
            name="content"
            label="Nội dung"
            rules={[{ required: true, min: 10, message: 'Hãy mô tả sự việc (ít nhất 10 ký tự).' }]}
          >
            <Input.TextArea rows={5} maxLength={5000} showCount placeholder="Sự việc gì, ở đâu, từ khi nào…" />
          </Form.Item>
          <Form.Item name="place" label="Nơi xảy ra">
            <Input maxLength={500} placeholder="Số nhà, đường, ấp, xã, phường" />
          </Form.Item>
          <Space wrap style={{ marginBottom: 16 }}>
            <Button
              onClick={() =>
                navigator.geolocation?.getCurrentPosition(
                  (p) =>
                    setWhere({
                      latitude: Math.round(p.coords.latitude * 1e5) / 1e5,
                      longitude: Math.round(p.coords.longitude * 1e5) / 1e5,
                    }),
                  () => setError('Không lấy được vị trí: hãy cho phép trình duyệt dùng vị trí, hoặc ghi nơi xảy ra.'),
                )
              }
            >
              Dùng vị trí hiện tại
            </Button>
            {where && (
              <Typography.Text type="secondary">
                Đã ghi vị trí ({where.latitude.toLocaleString('vi-VN')}; {where.longitude.toLocaleString('vi-VN')})
              </Typography.Text>
            )}
          </Space>
          <Form.Item label="Ảnh (tối đa 5; thông tin vị trí trong ảnh được xoá khi lưu)">
            <PhotoPicker value={photos} onChange={setPhotos} />
          </Form.Item>
          <Form.Item name="name" label="Họ tên" rules={[{ required: true, message: 'Nhập họ tên của bạn.' }]}>
            <Input maxLength={200} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label="Số điện thoại"
            extra="Cần số điện thoại hoặc thư điện tử để cơ quan trả lời bạn."
            dependencies={['email']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v || getFieldValue('email')
                    ? Promise.resolve()
                    : Promise.reject(new Error('Cần số điện thoại hoặc thư điện tử để trả lời bạn.')),
              }),
            ]}
          >
            <Input maxLength={30} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item name="email" label="Thư điện tử" rules={[{ type: 'email', message: 'Thư điện tử không hợp lệ.' }]}>
            <Input maxLength={254} inputMode="email" autoComplete="email" />
          </Form.Item>
          <Form.Item name="consent" valuePropName="checked">
            <Checkbox>Tôi đồng ý công khai nội dung phản ánh (không kèm họ tên, số điện thoại, địa chỉ) cùng kết quả trả lời.</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={sending}>
            Gửi phản ánh
          </Button>
        </Form>
      </Card>
    </PublicShell>
  );
}
