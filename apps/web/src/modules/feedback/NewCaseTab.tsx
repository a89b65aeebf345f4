/** Staff entry of a letter, a phone call, an e-mail or a counter visit: the channel recorded, the letter attached. */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Upload, type UploadFile } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, errorMessage, multipartForm, unwrap, upload } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { CHANNEL_OPTIONS } from './common';
import { PhotoPicker, photoParts } from './PhotoPicker';

interface Values {
  channel: string;
  receivedAt?: Dayjs;
  name: string;
  phone?: string;
  email?: string;
  address?: string;
  category?: string;
  title?: string;
  content: string;
  place?: string;
}

export function NewCaseTab() {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [letter, setLetter] = useState<UploadFile[]>([]);
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const cats = useQuery({ queryKey: ['feedback', 'categories'], queryFn: () => unwrap(api.GET('/api/feedback/categories')) });
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const f = multipartForm({ ...v, receivedAt: v.receivedAt?.toISOString() }, [
        ...(letter[0]?.originFileObj ? [{ field: 'letter', file: letter[0].originFileObj, name: letter[0].name }] : []),
        ...photoParts(photos),
      ]);
      return (await upload('/api/feedback', f)) as unknown as { id: number; code: string; dueDate: string };
    },
    onSuccess: () => {
      message.success('Đã tiếp nhận phản ánh.');
      form.resetFields();
      setLetter([]);
      setPhotos([]);
    },
  });
  const done = save.data;
  return (
    <Card style={{ maxWidth: 820 }}>
      {done && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={
            <>
              Đã tiếp nhận: mã <Link to={`/feedback/${done.id}`}>{done.code}</Link>, hạn trả lời {formatDate(done.dueDate)}. Báo mã này cho
              người gửi để tra cứu.
            </>
          }
        />
      )}
      {save.isError && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={errorMessage(save.error)} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ channel: 'letter' }}>
        <Form.Item name="channel" label="Kênh tiếp nhận" rules={[{ required: true }]}>
          <Select options={CHANNEL_OPTIONS.filter((c) => c.value !== 'web')} />
        </Form.Item>
        <Form.Item name="receivedAt" label="Thời điểm tiếp nhận (để trống: bây giờ)">
          <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" />
        </Form.Item>
        <Form.Item name="name" label="Họ tên người gửi" rules={[{ required: true, message: 'Nhập họ tên người gửi.' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label="Số điện thoại">
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label="Thư điện tử">
          <Input maxLength={254} type="email" />
        </Form.Item>
        <Form.Item name="address" label="Địa chỉ liên hệ">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="category" label="Lĩnh vực">
          <Select allowClear options={(cats.data ?? []).filter((c) => c.isActive).map((c) => ({ value: c.code, label: c.name }))} />
        </Form.Item>
        <Form.Item name="title" label="Tiêu đề">
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="content" label="Nội dung" rules={[{ required: true, min: 10, message: 'Nội dung cần ít nhất 10 ký tự.' }]}>
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="place" label="Nơi xảy ra sự việc">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label="Bản quét thư, đơn">
          <Upload beforeUpload={() => false} maxCount={1} fileList={letter} onChange={(e) => setLetter(e.fileList)}>
            <Button>Chọn tệp</Button>
          </Upload>
        </Form.Item>
        <Form.Item label="Ảnh (tối đa 5)">
          <PhotoPicker value={photos} onChange={setPhotos} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Tiếp nhận
        </Button>
      </Form>
    </Card>
  );
}
