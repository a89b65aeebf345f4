import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Row, Select, Space, Statistic, Table, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { operations } from '@cchc/api-client';
import { api, errorMessage, queryClient, unwrap, upload, uploadForm } from '../../lib/api';
import { INDEX_OPTIONS, type IndexCode } from './common';

type Outcome = operations['importIndexResults']['responses']['200']['content']['application/json'];

export function ImportTab({ index: initialIndex }: { index: IndexCode }) {
  const { message } = App.useApp();
  const [index, setIndex] = useState<IndexCode>(initialIndex);
  const [format, setFormat] = useState<'papi-provinces' | 'long'>(initialIndex === 'PAPI' ? 'papi-provinces' : 'long');
  const [file, setFile] = useState<UploadFile | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = useMutation({
    mutationFn: async () => {
      return upload('/api/index-results/imports', uploadForm(file!.originFileObj as Blob, file!.name, { index, format }));
    },
    onSuccess: (o) => {
      setOutcome(o);
      void queryClient.invalidateQueries({ queryKey: ['indices'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="Nhập kết quả từ tệp CSV hoặc XLSX">
        <Typography.Paragraph type="secondary">
          Định dạng PAPI: đúng bảng PAPI công bố (province_vi, year, D1…D8, total_papi, rank_year). Định dạng dài: mỗi dòng một số liệu với
          các cột
          <code> year,index,province,component,value,rank,source</code> (để trống component là điểm tổng). Tên tỉnh viết thế nào cũng được
          (có hay không “Tỉnh”, tên cũ, không dấu); tên không khớp sẽ được liệt kê để chọn. Nhập lại cùng tệp không tạo bản ghi trùng.
        </Typography.Paragraph>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="Chỉ số">
            <Select aria-label="Chỉ số của tệp" value={index} onChange={setIndex} options={INDEX_OPTIONS} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="Định dạng">
            <Select
              aria-label="Định dạng tệp"
              value={format}
              onChange={setFormat}
              style={{ width: 220 }}
              options={[
                { value: 'papi-provinces', label: 'Bảng PAPI theo tỉnh' },
                { value: 'long', label: 'Dạng dài (long)' },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Upload
              accept=".csv,.xlsx"
              maxCount={1}
              beforeUpload={() => false}
              fileList={file ? [file] : []}
              onChange={(i) => setFile(i.fileList[0] ?? null)}
              onRemove={() => setFile(null)}
            >
              <Button icon={<UploadOutlined />}>Chọn tệp</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" disabled={!file} loading={run.isPending} onClick={() => run.mutate()}>
            Nhập
          </Button>
        </Form>
      </Card>
      {outcome && <OutcomeView outcome={outcome} />}
    </Space>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  return (
    <Card size="small" title="Kết quả nhập">
      {outcome.fileError && <Alert type="error" showIcon title={outcome.fileError} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Statistic groupSeparator="." decimalSeparator="," title="Thêm mới" value={outcome.inserted} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic groupSeparator="." decimalSeparator="," title="Cập nhật" value={outcome.updated} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic groupSeparator="." decimalSeparator="," title="Không đổi" value={outcome.unchanged} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            groupSeparator="."
            decimalSeparator=","
            title="Bị loại"
            value={outcome.rejected}
            styles={{ content: { color: outcome.rejected ? '#cf1322' : undefined } }}
          />
        </Col>
      </Row>
      {outcome.unmatched.length > 0 && <UnmatchedResolver names={outcome.unmatched} />}
      {outcome.errors.length > 0 && !outcome.fileError && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
          dataSource={outcome.errors}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: 'Dòng', dataIndex: 'row', width: 70 },
            { title: 'Cột', dataIndex: 'field', width: 110 },
            { title: 'Lý do', dataIndex: 'message' },
          ]}
        />
      )}
    </Card>
  );
}

function UnmatchedResolver({ names }: { names: string[] }) {
  const { message } = App.useApp();
  const [year, setYear] = useState(2024);
  const at = year <= 2024 ? '2025-06-30' : `${year}-12-31`;
  const provinces = useQuery({
    queryKey: ['units', 'provinces', at],
    queryFn: () => unwrap(api.GET('/api/units', { params: { query: { type: 'province', at } } })),
  });
  const resolve = useMutation({
    mutationFn: (v: { name: string; provinceCode: string }) => unwrap(api.POST('/api/index-results/aliases', { body: { ...v, year } })),
    onSuccess: (r) => message.success(`Đã ghi nhớ: "${r.name}" là ${r.provinceName}. Hãy nhập lại tệp.`),
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Alert
      style={{ marginTop: 12 }}
      type="warning"
      showIcon
      title={`${names.length} tên tỉnh chưa khớp: chọn tỉnh tương ứng rồi nhập lại tệp`}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            value={year}
            onChange={setYear}
            options={[
              { value: 2024, label: 'Tỉnh trước 2025 (63 tỉnh)' },
              { value: 2025, label: 'Tỉnh từ 2025 (34 tỉnh)' },
            ]}
            style={{ width: 240 }}
          />
          {names.map((n) => (
            <Space key={n} wrap>
              <b>{n}</b> →
              <Select
                aria-label={`Tỉnh cho ${n}`}
                showSearch
                optionFilterProp="label"
                placeholder="Chọn tỉnh"
                style={{ width: 260 }}
                options={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
                onChange={(provinceCode: string) => resolve.mutate({ name: n, provinceCode })}
              />
            </Space>
          ))}
        </Space>
      }
    />
  );
}
