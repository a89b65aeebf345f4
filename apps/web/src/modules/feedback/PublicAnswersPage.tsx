/** Published answers, searchable by words, category, unit and period; no personal data. */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Image, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { formatDate } from '../../lib/format';
import { PublicShell } from './PublicFeedbackPage';
import { api, unwrap, urlFor } from '../../lib/api';

export function PublicAnswersPage() {
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const cats = useQuery({
    queryKey: ['public', 'feedback', 'categories'],
    queryFn: () => unwrap(api.GET('/api/public/feedback/categories')),
  });
  const list = useQuery({
    queryKey: ['public', 'feedback', 'answers', q, category, page],
    queryFn: () =>
      unwrap(api.GET('/api/public/feedback', { params: { query: { limit: 10, offset: (page - 1) * 10, q: q || undefined, category } } })),
  });
  return (
    <PublicShell title="Kết quả trả lời phản ánh, kiến nghị">
      <Space wrap style={{ marginBottom: 16, width: '100%' }}>
        <Input.Search
          allowClear
          placeholder="Tìm theo từ, địa điểm"
          onSearch={(v) => (setQ(v.trim()), setPage(1))}
          style={{ width: 300 }}
          aria-label="Tìm kết quả trả lời"
        />
        <Select
          allowClear
          placeholder="Lĩnh vực"
          style={{ width: 260 }}
          value={category}
          onChange={(v) => (setCategory(v), setPage(1))}
          options={(cats.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          aria-label="Lĩnh vực"
        />
      </Space>
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: 'Chưa có kết quả trả lời nào khớp.' }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, size: 'small' }}
        renderItem={(a) => (
          <List.Item>
            <Card size="small" style={{ width: '100%' }} title={<span style={{ whiteSpace: 'normal' }}>{a.title ?? a.categoryName}</span>}>
              <Space wrap size={4} style={{ marginBottom: 8 }}>
                <Tag>{a.categoryName}</Tag>
                <Link to={`/public/feedback/track?code=${a.code}`}>{a.code}</Link>
                <Typography.Text type="secondary">
                  Gửi {formatDate(a.receivedAt)} · trả lời {formatDate(a.publishedAt)} · {a.unitName}
                </Typography.Text>
              </Space>
              {a.content ? (
                <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: 'xem thêm' }}>{a.content}</Typography.Paragraph>
              ) : (
                <Typography.Paragraph type="secondary">Người gửi không đồng ý công khai nội dung.</Typography.Paragraph>
              )}
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                <b>Trả lời:</b> {a.answer}
              </Typography.Paragraph>
              <Space wrap>
                {a.photos.map((id) => (
                  <Image
                    key={id}
                    width={96}
                    src={urlFor('/api/public/feedback/{code}/photos/{photoId}', { path: { code: a.code, photoId: id } })}
                    alt="Ảnh hiện trường"
                  />
                ))}
              </Space>
            </Card>
          </List.Item>
        )}
      />
    </PublicShell>
  );
}
