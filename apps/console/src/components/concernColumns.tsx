import { Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { areaName, formatTime } from '../hooks';
import { Link } from '../router';
import { KIND_LABELS, type Area, type ConcernSummary } from '../types';
import { StatusTag } from './StatusTag';

/** The columns every concern table shows (list, reviews). */
export function concernColumns(areas: Area[]): ColumnsType<ConcernSummary> {
  return [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, row) => (
        <Space>
          <Link to={`/concerns/${encodeURIComponent(row.id)}`}>{title}</Link>
          {row.kind === 'referral' && <Tag color="blue">{KIND_LABELS.referral}</Tag>}
          {row.needsReview && <Tag color="orange">待复核</Tag>}
        </Space>
      ),
    },
    { title: '编号', dataIndex: 'id', width: 200 },
    { title: '领域', dataIndex: 'areaCode', width: 120, render: (code: string | null, row) => row.areaName ?? areaName(areas, code) },
    { title: '状态', dataIndex: 'status', width: 90, render: (status) => <StatusTag status={status} /> },
    { title: '负责人', dataIndex: 'owner', width: 110, render: (owner) => owner || '—' },
    { title: '复核日期', dataIndex: 'reviewDate', width: 120, render: (d) => d || '—' },
    { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: (d) => formatTime(d) },
  ];
}
