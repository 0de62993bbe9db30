import { BrowseList } from '../components/BrowseList';
import type { Interpretation } from '../types';

export function InterpretationListPage() {
  return (
    <BrowseList<Interpretation>
      title="政策解读"
      sub="政策文件的解读材料，按标题、文件名或正文搜索；解读变更后，引用它的关切事项会被标记为待复核。"
      endpoint="/api/console/interpretations"
      base="/interpretations"
      newLabel="新建政策解读"
      byArea={false}
      columns={[
        { title: '发布机关', dataIndex: 'publisher', width: 180, render: (p) => p || '—' },
        { title: '日期', dataIndex: 'date', width: 120, render: (d) => d || '—' },
      ]}
    />
  );
}
