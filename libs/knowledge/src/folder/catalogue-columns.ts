import type { CatalogueItemRecord } from '../knowledge-model.js';

/** The standard catalogue columns (knowledge-format.md), in export order, with the record field each fills. */
export const CATALOGUE_COLUMNS = [
  { header: '编号', field: 'id' },
  { header: '领域', field: 'areaCode' },
  { header: '一级事项', field: 'level1' },
  { header: '二级事项', field: 'title' },
  { header: '公开内容', field: 'content' },
  { header: '公开依据', field: 'basis' },
  { header: '公开时限', field: 'timeLimit' },
  { header: '公开主体', field: 'publisher' },
  { header: '公开渠道和载体', field: 'channels' },
  { header: '公开对象', field: 'audience' },
  { header: '公开方式', field: 'mode' },
  { header: '公开层级', field: 'level' },
] as const satisfies readonly { header: string; field: keyof CatalogueItemRecord }[];

export const REQUIRED_CATALOGUE_COLUMNS = ['领域', '一级事项', '二级事项', '公开内容'] as const;

/** Header cells as staff write them: `公开内容（要素）`, ` 公开 时限 ` → the standard name. */
export function normalizeHeader(cell: string): string {
  return cell
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\(.*?\)/g, '')
    .replace(/^公开渠道$/, '公开渠道和载体');
}
