import { Result } from 'antd';

export function NotFoundPage() {
  return <Result status="404" title="Không tìm thấy trang" subTitle="Địa chỉ này không có trong hệ thống." />;
}
