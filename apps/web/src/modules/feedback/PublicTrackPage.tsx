/** The sender follows the case by its code and rates the answer; never anyone's personal data. */
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Image, Input, Rate, Radio, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDate, formatDateTime } from '../../lib/format';
import { STATUS_COLORS } from './common';
import { PublicShell } from './PublicFeedbackPage';
import { api, errorMessage, unwrap, urlFor } from '../../lib/api';

export function PublicTrackPage() {
  const [params, setParams] = useSearchParams();
  const code = params.get('code')?.trim().toUpperCase() ?? '';
  const q = useQuery({
    queryKey: ['public', 'feedback', 'track', code],
    queryFn: () => unwrap(api.GET('/api/public/feedback/{code}', { params: { path: { code } } })),
    enabled: !!code,
    retry: false,
  });
  const c = q.data;
  return (
    <PublicShell title="Tra cứu phản ánh, kiến nghị">
      <Input.Search
        size="large"
        defaultValue={code}
        placeholder="Mã tra cứu, ví dụ PAKN.20261123.0001"
        enterButton="Tra cứu"
        aria-label="Mã tra cứu"
        onSearch={(v) => setParams(v.trim() ? { code: v.trim() } : {})}
        style={{ marginBottom: 16 }}
      />
      {q.isError && <Alert type="error" showIcon message={errorMessage(q.error)} />}
      {c && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Space wrap style={{ marginBottom: 12 }}>
              <Typography.Text strong>{c.code}</Typography.Text>
              <Tag color={STATUS_COLORS[c.status]}>{c.statusLabel}</Tag>
            </Space>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="Lĩnh vực">{c.categoryName}</Descriptions.Item>
              <Descriptions.Item label="Tiếp nhận">{formatDateTime(c.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="Hạn trả lời">
                {formatDate(c.dueDate)}
                {c.extension ? ` (gia hạn ${c.extension.days} ngày làm việc: ${c.extension.reason})` : ''}
              </Descriptions.Item>
              {c.unitName && <Descriptions.Item label="Đơn vị xử lý">{c.unitName}</Descriptions.Item>}
            </Descriptions>
            {c.reason && <Alert type="info" showIcon message={c.reason} />}
          </Card>
          {c.answer !== undefined && (
            <Card title={`Trả lời (công khai ${formatDateTime(c.publishedAt)})`}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.answer}</Typography.Paragraph>
              <Space wrap>
                {c.photos.map((id) => (
                  <Image
                    key={id}
                    width={120}
                    src={urlFor('/api/public/feedback/{code}/photos/{photoId}', { path: { code: c.code, photoId: id } })}
                    alt="Ảnh hiện trường"
                  />
                ))}
              </Space>
              {c.rating && (
                <Typography.Paragraph>
                  Bạn đã đánh giá {c.rating.stars}/5 sao{c.rating.solved ? '' : ', vấn đề chưa được giải quyết'}.
                </Typography.Paragraph>
              )}
              {c.canRate && <RateForm code={c.code} />}
            </Card>
          )}
          <Card title="Diễn biến">
            <Timeline
              items={c.events.map((e) => ({
                children: (
                  <>
                    <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                    <div>{e.note ?? (e.kind === 'received' ? 'Đã tiếp nhận phản ánh.' : '')}</div>
                  </>
                ),
              }))}
            />
          </Card>
        </Space>
      )}
    </PublicShell>
  );
}

function RateForm({ code }: { code: string }) {
  const qc = useQueryClient();
  const [stars, setStars] = useState(0);
  const [solved, setSolved] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [repeat, setRepeat] = useState<string | null>(null);
  const send = async () => {
    try {
      const r = await unwrap(
        api.POST('/api/public/feedback/{code}/rating', {
          params: { path: { code } },
          body: { stars, solved: solved!, comment: comment || undefined },
        }),
      );
      setRepeat(r.repeatCode);
      void qc.invalidateQueries({ queryKey: ['public', 'feedback', 'track'] });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  if (repeat)
    return (
      <Alert
        type="info"
        showIcon
        message={`Đã ghi nhận vấn đề chưa được giải quyết: phản ánh mới ${repeat} đã được gửi lại đơn vị xử lý.`}
      />
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>Bạn đánh giá trả lời này thế nào?</Typography.Text>
      <Rate value={stars} onChange={setStars} aria-label="Số sao" />
      <Radio.Group value={solved} onChange={(e) => setSolved(e.target.value)}>
        <Radio value={true}>Vấn đề đã được giải quyết</Radio>
        <Radio value={false}>Chưa được giải quyết</Radio>
      </Radio.Group>
      <Input.TextArea
        rows={2}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder="Ý kiến thêm (không bắt buộc)"
        aria-label="Ý kiến thêm"
      />
      {error && <Alert type="error" showIcon message={error} />}
      <Button type="primary" disabled={!stars || solved === null} onClick={send}>
        Gửi đánh giá
      </Button>
    </Space>
  );
}
