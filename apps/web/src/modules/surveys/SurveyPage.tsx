/** One survey: results, sample, entry of forms, quality control, questionnaire — tabs shown by the caller's abilities. */
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useUrlFilters } from '../../lib/url-filters';
import { STATUS_COLORS, useAct } from './common';
import { ResultsTab } from './ResultsTab';
import { SampleTab } from './SampleTab';
import { EntryTab } from './EntryTab';
import { QualityTab } from './QualityTab';
import { QuestionnaireTab } from './QuestionnaireTab';

export function SurveyPage() {
  const id = Number(useParams().id);
  const { get, set } = useUrlFilters();
  const detail = useQuery({
    queryKey: ['surveys', 'detail', id],
    queryFn: () => unwrap(api.GET('/api/surveys/{id}', { params: { path: { id } } })),
  });
  const act = useAct();
  const v = detail.data;
  if (detail.error) return <Alert type="error" message="Không mở được cuộc khảo sát." description={String(detail.error)} />;
  if (!v) return null;
  const path = { path: { id } };
  const step = (label: string, run: () => Promise<unknown>, confirm: string) => (
    <Popconfirm title={confirm} okText="Đồng ý" cancelText="Hủy" onConfirm={() => act.mutate(run)}>
      <Button loading={act.isPending}>{label}</Button>
    </Popconfirm>
  );
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {v.name}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color={STATUS_COLORS[v.status]}>{v.statusLabel}</Tag>
        <span>
          Kỳ {formatDate(v.periodFrom)} – {formatDate(v.periodTo)}
        </span>
        <span>Bảng hỏi phiên bản {v.version}</span>
        {v.resultsPublishedAt && <Tag color="green">Kết quả đã công bố {formatDate(v.resultsPublishedAt)}</Tag>}
        {v.can.publish &&
          step(
            'Mở khảo sát',
            () => unwrap(api.POST('/api/surveys/{id}/publish', { params: path })),
            'Mở khảo sát? Các mã phiếu bắt đầu nhận trả lời; câu hỏi được giữ nguyên (sửa sẽ tạo phiên bản mới).',
          )}
        {v.can.close &&
          step(
            'Kết thúc',
            () => unwrap(api.POST('/api/surveys/{id}/close', { params: path })),
            'Kết thúc khảo sát? Không nhận thêm phiếu.',
          )}
        {v.can.publishResults &&
          (v.resultsPublishedAt
            ? step(
                'Thu hồi công bố',
                () => unwrap(api.POST('/api/surveys/{id}/results/unpublish', { params: path })),
                'Thu hồi kết quả khỏi trang công khai?',
              )
            : step(
                'Công bố kết quả',
                () => unwrap(api.POST('/api/surveys/{id}/results/publish', { params: path })),
                'Công bố kết quả lên trang công khai và cho Chỉ số CCHC nội bộ?',
              ))}
        {v.status === 'published' && v.can.enter && (
          <Link to={`/surveys/${id}/kiosk`}>
            <Button>Chế độ máy tại quầy</Button>
          </Link>
        )}
      </Space>
      <Tabs
        activeKey={get('tab') ?? 'results'}
        onChange={(k) => set({ tab: k })}
        items={[
          { key: 'results', label: 'Kết quả', children: <ResultsTab survey={v} /> },
          { key: 'sample', label: 'Mẫu khảo sát', children: <SampleTab survey={v} /> },
          ...(v.can.enter ? [{ key: 'entry', label: 'Nhập phiếu', children: <EntryTab survey={v} /> }] : []),
          ...(v.can.review ? [{ key: 'quality', label: 'Kiểm soát chất lượng', children: <QualityTab survey={v} /> }] : []),
          { key: 'questionnaire', label: 'Bảng hỏi', children: <QuestionnaireTab survey={v} /> },
        ]}
      />
    </>
  );
}
