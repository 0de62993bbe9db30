import { List, Typography } from 'antd';
import { Link } from '../router';
import type { TitledRef } from '../types';

/** Titled links to other console pages (an item's concerns, an interpretation's items…). */
export function RefList({ refs, base, empty }: { refs: TitledRef[] | undefined; base: string; empty: string }) {
  if (!refs || refs.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={refs}
      renderItem={(ref) => (
        <List.Item>
          <Link to={`${base}/${encodeURIComponent(ref.id)}`}>{ref.title}</Link>
          <Typography.Text type="secondary">{ref.id}</Typography.Text>
        </List.Item>
      )}
    />
  );
}
