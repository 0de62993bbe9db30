import { Card, Space, Statistic } from 'antd';
import { useApiData } from '../hooks';
import { Link } from '../router';

interface FeedbackStats {
  concerns: { concernId: string; useful: number; notUseful: number }[];
}

/** Under the test box: what residents said about this concern's answer, and its change history. */
export function ConcernSideInfo({ concernId }: { concernId: string }) {
  const { data } = useApiData<FeedbackStats>('/api/console/feedback', { concernId });
  const stats = data?.concerns.find((c) => c.concernId === concernId) ?? { useful: 0, notUseful: 0 };
  return (
    <Card size="small" title="群众反馈与修改记录" style={{ marginTop: 16 }}>
      <Space size={32}>
        <Statistic title="有用" value={stats.useful} />
        <Statistic title="没用" value={stats.notUseful} />
      </Space>
      <div style={{ marginTop: 12 }}>
        <Link to={`/audit?entityType=concern&entityId=${encodeURIComponent(concernId)}`}>查看此事项的修改记录</Link>
      </div>
    </Card>
  );
}
