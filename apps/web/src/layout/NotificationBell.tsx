import { useNavigate } from 'react-router-dom';
import { Badge, Button, Empty, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useEagerQuery } from '../lib/eager-query';
import { api, queryClient, unwrap } from '../lib/api';
import { formatDateTime } from '../lib/format';

/** Reminders and escalations for the signed-in user (checked every minute). */
export function NotificationBell() {
  const navigate = useNavigate();
  const q = useEagerQuery({
    queryKey: ['notifications'],
    queryFn: () => unwrap(api.GET('/api/notifications', { params: { query: { limit: 30, offset: 0 } } })),
    refetchInterval: 60_000,
  });
  const read = useMutation({
    mutationFn: (id: number | 'all') => unwrap(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = q.data?.items ?? [];
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={
        <span>
          Thông báo{' '}
          {q.data?.unread ? (
            <Button size="small" type="link" onClick={() => read.mutate('all')}>
              Đánh dấu đã đọc tất cả
            </Button>
          ) : null}
        </span>
      }
      content={
        <div style={{ width: 'min(380px, 90vw)', maxHeight: 420, overflow: 'auto' }}>
          {items.length === 0 ? (
            <Empty description="Không có thông báo" />
          ) : (
            // A plain list (no antd List, which brings its pagination into every page's first download).
            <ul className="notification-list">
              {items.slice(0, 30).map((n) => (
                <li key={n.id} className={n.readAt ? undefined : 'unread'}>
                  <button
                    type="button"
                    onClick={() => {
                      if (!n.readAt) read.mutate(n.id);
                      if (n.link) navigate(n.link);
                    }}
                  >
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                    <Typography.Text type="secondary">{n.body}</Typography.Text>
                    <small>{formatDateTime(n.createdAt)}</small>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      }
    >
      <Button
        type="text"
        aria-label="Thông báo"
        icon={
          <Badge count={q.data?.unread ?? 0} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
