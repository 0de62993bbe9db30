import { Card, Space, Table } from 'antd';
import { concernColumns } from '../components/concernColumns';
import { PageTitle } from '../components/PageTitle';
import { useApiData, useAreas } from '../hooks';
import type { ConcernSummary, Page } from '../types';

type Listing = Page<ConcernSummary> | ConcernSummary[];

const rows = (listing: Listing | null) => (Array.isArray(listing) ? listing : (listing?.items ?? []));

export function ReviewsPage() {
  const areas = useAreas();
  const flagged = useApiData<Listing>('/api/console/concerns', { needsReview: true, pageSize: 200 });
  const overdue = useApiData<Listing>('/api/console/reviews/overdue');
  const columns = concernColumns(areas);
  return (
    <>
      <PageTitle title="待复核" sub="依据的目录事项或政策解读变更后需要复核的关切事项，以及复核日期已过的关切事项。" />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={`依据已变更（${rows(flagged.data).length}）`} data-testid="reviews-flagged">
          <Table<ConcernSummary> size="small" rowKey="id" loading={flagged.loading} dataSource={rows(flagged.data)} columns={columns} pagination={{ pageSize: 20 }} />
        </Card>
        <Card size="small" title={`复核已逾期（${rows(overdue.data).length}）`} data-testid="reviews-overdue">
          <Table<ConcernSummary> size="small" rowKey="id" loading={overdue.loading} dataSource={rows(overdue.data)} columns={columns} pagination={{ pageSize: 20 }} />
        </Card>
      </Space>
    </>
  );
}
