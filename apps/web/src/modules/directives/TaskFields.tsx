/** The fields a task is written with, shared by "add a task" (directive page) and "edit a task" (task page). */
import { useMemo } from 'react';
import { Form, Input, Select } from 'antd';
import { useProvinceUnits } from '../../lib/session';

/** Label, text, lead unit and coordinating units (the province's units to pick from, searched by name). */
export function TaskFields() {
  const units = useProvinceUnits();
  const options = useMemo(() => (units.data ?? []).map((u) => ({ value: u.code, label: u.name })), [units.data]);
  return (
    <>
      <Form.Item name="label" label="Ký hiệu">
        <Input style={{ width: 100 }} placeholder="ví dụ d)" />
      </Form.Item>
      <Form.Item name="content" label="Nội dung" rules={[{ required: true, message: 'Nhập nội dung nhiệm vụ' }]}>
        <Input.TextArea autoSize={{ minRows: 3 }} />
      </Form.Item>
      <Form.Item name="leadUnitCode" label="Đơn vị chủ trì" rules={[{ required: true, message: 'Chọn đơn vị chủ trì' }]}>
        <Select showSearch optionFilterProp="label" options={options} loading={units.isPending} />
      </Form.Item>
      <Form.Item name="coordinatingUnitCodes" label="Đơn vị phối hợp">
        <Select mode="multiple" showSearch optionFilterProp="label" options={options} loading={units.isPending} />
      </Form.Item>
    </>
  );
}
