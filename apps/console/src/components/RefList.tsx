import { List, Space, Tag, Typography } from 'antd';
import { Link } from '../router';
import type { ConcernStatus, TitledRef } from '../types';
import { StatusTag } from './StatusTag';

/** Titled links to other console pages (an item's concerns, an interpretation's items…). */
type Ref = TitledRef & { status?: ConcernStatus; needsReview?: boolean };

export function RefList({ refs, base, empty }: { refs: Ref[] | undefined; base: string; empty: string }) {
  if (!refs || refs.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={refs}
      renderItem={(ref) => (
        <List.Item>
          <Space size={4} wrap>
            <Link to={`${base}/${encodeURIComponent(ref.id)}`}>{ref.title}</Link>
            {ref.status && <StatusTag status={ref.status} />}
            {ref.needsReview && <Tag color="orange">待复核</Tag>}
          </Space>
          <Typography.Text type="secondary">{ref.id}</Typography.Text>
        </List.Item>
      )}
    />
  );
}
