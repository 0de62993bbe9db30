import { Tag } from 'antd';
import { STATUS_COLORS, STATUS_LABELS, type ConcernStatus } from '../types';

export function StatusTag({ status }: { status: ConcernStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status] ?? status}</Tag>;
}
