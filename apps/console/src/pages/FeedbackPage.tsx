import { Progress, Table } from 'antd';
import { EntityPicker } from '../components/EntityPicker';
import { PageTitle } from '../components/PageTitle';
import { useApiData } from '../hooks';
import { Link } from '../router';
import { useState } from 'react';

interface FeedbackRow {
  concernId: string;
  title: string;
  useful: number;
  notUseful: number;
}

export function FeedbackPage() {
  const [concernId, setConcernId] = useState<string>();
  const { data, loading } = useApiData<{ concerns: FeedbackRow[] }>('/api/console/feedback', { concernId });
  return (
    <>
      <PageTitle
        title="群众反馈"
        sub="群众对每条答复点的“有用 / 没用”。没用比例高的事项，优先改进答复口径。"
        extra={<EntityPicker kind="concerns" single value={concernId} onChange={(v) => setConcernId(v ? String(v) : undefined)} placeholder="按关切事项筛选" style={{ width: 280 }} />}
      />
      <Table<FeedbackRow>
        rowKey="concernId"
        loading={loading}
        dataSource={data?.concerns ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '关切事项', dataIndex: 'title', render: (title: string, row) => <Link to={`/concerns/${encodeURIComponent(row.concernId)}`}>{title || row.concernId}</Link> },
          { title: '有用', dataIndex: 'useful', width: 90, sorter: (a, b) => a.useful - b.useful },
          { title: '没用', dataIndex: 'notUseful', width: 90, sorter: (a, b) => a.notUseful - b.notUseful, defaultSortOrder: 'descend' },
          {
            title: '有用比例',
            width: 220,
            render: (_: unknown, row) => {
              const total = row.useful + row.notUseful;
              return total ? <Progress percent={Math.round((row.useful / total) * 100)} size="small" status={row.useful >= row.notUseful ? 'success' : 'exception'} /> : '—';
            },
          },
        ]}
      />
    </>
  );
}
