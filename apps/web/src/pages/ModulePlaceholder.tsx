import { Card, Result } from 'antd';
import type { WebModule } from '../modules';

export function ModulePlaceholder({ module }: { module: WebModule }) {
  return (
    <Card>
      <Result
        status="info"
        icon={module.icon}
        title={module.label}
        subTitle={
          <>
            {module.description}
            <br />
            Phân hệ này chưa được triển khai trên hệ thống; chưa có dữ liệu nào được hiển thị.
          </>
        }
      />
    </Card>
  );
}
