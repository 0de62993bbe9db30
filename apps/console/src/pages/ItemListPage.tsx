import { BrowseList } from '../components/BrowseList';
import { areaName, useAreas } from '../hooks';
import type { CatalogueItem } from '../types';

export function ItemListPage() {
  const areas = useAreas();
  return (
    <BrowseList<CatalogueItem>
      title="目录事项"
      sub="政务公开事项标准目录，按领域浏览；事项变更后，依据它的关切事项会被标记为待复核。"
      endpoint="/api/console/items"
      base="/items"
      newLabel="新建目录事项"
      columns={[
        { title: '领域', dataIndex: 'areaCode', width: 120, render: (code: string) => areaName(areas, code) },
        { title: '一级事项', dataIndex: 'level1', width: 160 },
        { title: '公开时限', dataIndex: 'timeLimit', width: 220, render: (t) => t || '—' },
      ]}
    />
  );
}
