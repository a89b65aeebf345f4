import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, errorMessage, queryClient, unwrap } from '../../lib/api';
import { useSession } from '../../lib/session';
import { fmt, type IndexCode, type IndexResult } from './common';
import { DecimalInput } from '../../components/DecimalInput';

export function ResultsTab({ index, year }: { index: IndexCode; year?: number }) {
  const { can } = useSession();
  const [entering, setEntering] = useState(false);
  const results = useQuery({
    queryKey: ['indices', 'results', index, year],
    queryFn: () => unwrap(api.GET('/api/index-results', { params: { query: { index, year } } })),
    enabled: !!year,
  });
  const rows = results.data ?? [];
  const codes = [...new Set(rows.flatMap((r) => Object.keys(r.components)))].filter((c) => !c.includes('.')).sort();
  const mismatches = rows.filter((r) => r.rankMismatch).length;
  const checkable = rows.some((r) => r.rankCheckable);
  return (
    <Card
      size="small"
      title={year ? `Năm ${year}: ${rows.length} tỉnh, thành phố` : 'Chưa có năm nào'}
      extra={
        can('index_result.update') && (
          <Button icon={<PlusOutlined />} onClick={() => setEntering(true)}>
            Nhập tay một kết quả
          </Button>
        )
      }
    >
      {year && (
        <Typography.Paragraph type={mismatches ? 'danger' : 'secondary'}>
          {!checkable
            ? 'Chưa đủ số liệu cả nước năm này: thứ hạng tính lại chỉ so giữa các tỉnh đã nhập, không dùng để đối chiếu.'
            : mismatches
              ? `${mismatches} tỉnh có thứ hạng công bố khác thứ hạng tính lại từ điểm — cần kiểm tra nguồn.`
              : 'Thứ hạng công bố của mọi tỉnh khớp với thứ hạng tính lại từ điểm.'}
        </Typography.Paragraph>
      )}
      <Table<IndexResult>
        size="small"
        rowKey="provinceCode"
        loading={results.isFetching}
        dataSource={rows}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 70, hideOnSinglePage: true }}
        columns={[
          { title: 'Mã', dataIndex: 'provinceCode', width: 60 },
          {
            title: 'Tỉnh, thành phố',
            dataIndex: 'provinceName',
            width: 200,
            render: (n: string, r) => (
              <>
                {n} {r.isOldProvince && <Tag>trước 2025</Tag>}
              </>
            ),
          },
          { title: 'Điểm', dataIndex: 'value', width: 80, render: (v) => fmt(v) },
          { title: 'Hạng công bố', dataIndex: 'rank', width: 90, render: (v) => v ?? '—' },
          {
            title: 'Hạng tính lại',
            dataIndex: 'rankComputed',
            width: 100,
            render: (v, r) =>
              r.rankMismatch ? (
                <Tooltip title="Khác thứ hạng công bố">
                  <Tag color="red" icon={<WarningOutlined />}>
                    {v}
                  </Tag>
                </Tooltip>
              ) : (
                (v ?? '—')
              ),
          },
          ...codes.map((c) => ({ title: c, width: 64, render: (_: unknown, r: IndexResult) => fmt(r.components[c]) })),
          { title: 'Nguồn', dataIndex: 'source', ellipsis: true, width: 220 },
        ]}
      />
      {entering && <EntryModal index={index} year={year} onClose={() => setEntering(false)} />}
    </Card>
  );
}

function EntryModal({ index, year, onClose }: { index: IndexCode; year?: number; onClose(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const chosenYear = Form.useWatch('year', form) ?? year ?? new Date().getFullYear() - 1;
  const at = chosenYear <= 2024 ? '2025-06-30' : `${chosenYear}-12-31`;
  const provinces = useQuery({
    queryKey: ['units', 'provinces', at],
    queryFn: () => unwrap(api.GET('/api/units', { params: { query: { type: 'province', at } } })),
  });
  const schemes = useQuery({ queryKey: ['indices', 'schemes'], queryFn: () => unwrap(api.GET('/api/index-schemes')) });
  const scheme = schemes.data?.find(
    (s) => s.indexCode === index && s.validFromYear <= chosenYear && (s.validToYear === null || s.validToYear >= chosenYear),
  );
  const top = scheme?.components.filter((c) => !c.parentCode) ?? [];
  const save = useMutation({
    mutationFn: (v: {
      year: number;
      provinceCode: string;
      value: number | null;
      rank: number | null;
      source: string;
      components: Record<string, number | null>;
    }) =>
      unwrap(
        api.PUT('/api/index-results', {
          body: {
            index,
            year: v.year,
            provinceCode: v.provinceCode,
            value: v.value ?? null,
            rank: v.rank ?? null,
            source: v.source,
            components: Object.fromEntries(Object.entries(v.components ?? {}).filter(([, x]) => x !== null && x !== undefined)) as Record<
              string,
              number
            >,
          },
        }),
      ),
    onSuccess: () => {
      message.success('Đã lưu kết quả');
      void queryClient.invalidateQueries({ queryKey: ['indices'] });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title="Nhập tay kết quả chỉ số"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="Lưu"
      confirmLoading={save.isPending}
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ year: year ?? chosenYear }} onFinish={(v) => save.mutate(v)}>
        <Space wrap>
          <Form.Item name="year" label="Năm" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="provinceCode" label="Tỉnh, thành phố" rules={[{ required: true, message: 'Chọn tỉnh' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 260 }}
              loading={provinces.isPending}
              options={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="value" label={`Điểm (${scheme ? `${scheme.totalMin}–${scheme.totalMax} ${scheme.unit}` : '…'})`}>
            <DecimalInput step={0.01} />
          </Form.Item>
          <Form.Item name="rank" label="Thứ hạng công bố">
            <InputNumber min={1} />
          </Form.Item>
        </Space>
        {top.length > 0 && (
          <Space wrap>
            {top.map((c) => (
              <Form.Item key={c.code} name={['components', c.code]} label={c.code} tooltip={c.name}>
                <DecimalInput step={0.01} min={c.minPoints ?? undefined} max={c.maxPoints ?? undefined} style={{ width: 90 }} />
              </Form.Item>
            ))}
          </Space>
        )}
        <Form.Item
          name="source"
          label="Nguồn (văn bản công bố, trang, ngày)"
          rules={[
            { required: true, message: 'Ghi nguồn của số liệu' },
            { min: 3, message: 'Ghi rõ nguồn' },
          ]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
