import { Alert, Button } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../../lib/session';

/** Says what data a year lacks and, for those who may import, opens the import tab. */
export function MissingData({ what, year }: { what: 'field' | 'components'; year: number }) {
  const { can } = useSession();
  const [, setParams] = useSearchParams();
  const text =
    what === 'field'
      ? {
          title: `Năm ${year} mới có kết quả của tỉnh, chưa có kết quả các tỉnh khác.`,
          description:
            'Chưa so sánh được với cả nước (cao nhất, trung vị, thứ hạng trong tổng số tỉnh): hãy nhập bảng kết quả của cả nước.',
        }
      : {
          title: `Năm ${year} chưa có điểm các thành phần.`,
          description: 'Chưa biết mất điểm ở thành phần nào và chưa đặt được mục tiêu: hãy nhập tệp kết quả có điểm từng thành phần.',
        };
  return (
    <Alert
      type="info"
      showIcon
      title={text.title}
      description={text.description}
      action={
        can('index_result.import') && (
          <Button
            size="small"
            onClick={() =>
              setParams(
                (p) => {
                  p.set('tab', 'import');
                  return p;
                },
                { replace: true },
              )
            }
          >
            Nhập dữ liệu
          </Button>
        )
      }
    />
  );
}
