import { useEffect, useState, type ReactNode } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { operations } from '@cchc/api-client';
import { api, errorMessage, queryClient, unwrap } from '../../lib/api';

type Round = operations['listAssessmentRounds']['responses'][200]['content']['application/json'][number];
const KEYS = [
  ['selfEnd', 'Hạn tự đánh giá'],
  ['appraisal1End', 'Hạn thẩm định lần 1'],
  ['explanationEnd', 'Hạn giải trình'],
  ['appraisal2End', 'Hạn thẩm định lần 2'],
] as const;
type Key = (typeof KEYS)[number][0];

/** Sở Nội vụ's side of a round: who appraises it, and its deadlines (moving one that passed reopens the stage). */
export function RoundTab({ round, picker }: { round: Round; picker: ReactNode }) {
  const { message } = App.useApp();
  const appraisers = useQuery({
    queryKey: ['assessment', 'appraisers', round.id],
    queryFn: () => unwrap(api.GET('/api/assessment/rounds/{id}/appraisers', { params: { path: { id: round.id } } })),
  });
  const [chosen, setChosen] = useState<number[] | null>(null);
  const assigned = chosen ?? (appraisers.data ?? []).filter((u) => u.assigned).map((u) => u.id);
  const saveAppraisers = useMutation({
    mutationFn: () =>
      unwrap(api.PUT('/api/assessment/rounds/{id}/appraisers', { params: { path: { id: round.id } }, body: { userIds: assigned } })),
    onSuccess: (d) => {
      queryClient.setQueryData(['assessment', 'appraisers', round.id], d);
      setChosen(null);
      message.success('Đã lưu phân công thẩm định');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const [form] = Form.useForm<Record<Key, Dayjs> & { reason: string }>();
  useEffect(() => {
    form.setFieldsValue({ ...Object.fromEntries(KEYS.map(([k]) => [k, dayjs(round[k])])), reason: '' });
  }, [round, form]);
  const [reopened, setReopened] = useState<string[] | null>(null);
  const saveDeadlines = useMutation({
    mutationFn: (v: Record<Key, Dayjs> & { reason: string }) =>
      unwrap(
        api.PUT('/api/assessment/rounds/{id}/deadlines', {
          params: { path: { id: round.id } },
          body: {
            deadlines: Object.fromEntries(KEYS.map(([k]) => [k, v[k].format('YYYY-MM-DD')])) as Record<Key, string>,
            reason: v.reason,
          },
        }),
      ),
    onSuccess: (d) => {
      setReopened(d.reopened);
      void queryClient.invalidateQueries({ queryKey: ['assessment', 'rounds'] });
      message.success('Đã đổi hạn của đợt');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {picker}
      <Card size="small" title="Phân công thẩm định">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            Chưa phân công ai: mọi người có vai trò thẩm định đều thẩm định được các đơn vị của đợt. Không ai thẩm định đơn vị của chính
            mình.
          </Typography.Text>
          <Select
            mode="multiple"
            style={{ width: '100%', maxWidth: 640 }}
            placeholder="Mọi người thẩm định"
            loading={appraisers.isPending}
            value={assigned}
            onChange={setChosen}
            optionFilterProp="label"
            options={(appraisers.data ?? []).map((u) => ({ value: u.id, label: `${u.fullName} – ${u.unitName}` }))}
          />
          <Button type="primary" disabled={chosen === null} loading={saveAppraisers.isPending} onClick={() => saveAppraisers.mutate()}>
            Lưu phân công
          </Button>
        </Space>
      </Card>
      <Card size="small" title="Hạn của đợt">
        {reopened?.length ? (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} title={`Đã mở lại: ${reopened.join('; ')}.`} />
        ) : null}
        <Form form={form} layout="vertical" onFinish={(v) => saveDeadlines.mutate(v)} style={{ maxWidth: 640 }}>
          <Space wrap>
            {KEYS.map(([k, label]) => (
              <Form.Item key={k} name={k} label={label} rules={[{ required: true, message: 'Chọn ngày' }]}>
                <DatePicker format="DD/MM/YYYY" allowClear={false} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item
            name="reason"
            label="Lý do (ghi vào nhật ký; mở lại giai đoạn đã khóa là một quyết định)"
            rules={[{ required: true, min: 5, message: 'Ghi lý do, ít nhất 5 ký tự' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saveDeadlines.isPending}>
            Lưu hạn
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
