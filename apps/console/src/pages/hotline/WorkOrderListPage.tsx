import { Button, Card, Flex, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PageTitle } from '../../components/PageTitle';
import { useApiData } from '../../hooks';
import { navigate } from '../../router';
import { CATEGORIES, chinaTime, MODE_OPTIONS, STATUS_OPTIONS, type WorkOrder } from './types';

const MODE_COLORS: Record<string, string> = { instant: 'green', short: 'orange', limited: 'blue' };

/** 热线工单: filter by status, category, reply mode, overdue, mine; content and numbers masked. */
export function WorkOrderListPage() {
  const [filter, setFilter] = useState<{ status?: string; category?: string; replyMode?: string; overdue?: boolean; mine?: boolean; q?: string }>({});
  const [page, setPage] = useState(1);
  const { data, loading, reload } = useApiData<{ total: number; items: WorkOrder[] }>('/api/hotline/work-orders', { ...filter, page, pageSize: 20 });
  const set = (patch: Partial<typeof filter>) => {
    setPage(1);
    setFilter((f) => ({ ...f, ...patch }));
  };
  return (
    <>
      <PageTitle title="热线工单" sub="受理 → 派单 → 办理 → 答复 → 办结 → 回访/评价；号码和内容已脱敏，认领后在详情中可见完整号码。"
        extra={<Button onClick={reload}>刷新</Button>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={8} align="center">
          <Select allowClear placeholder="状态" style={{ width: 120 }} options={STATUS_OPTIONS} onChange={(status) => set({ status })} data-testid="orders-status" />
          <Select allowClear placeholder="类别" style={{ width: 100 }} options={CATEGORIES.map((c) => ({ value: c, label: c }))} onChange={(category) => set({ category })} />
          <Select allowClear placeholder="答复方式" style={{ width: 120 }} options={MODE_OPTIONS} onChange={(replyMode) => set({ replyMode })} />
          <Input.Search allowClear placeholder="内容" style={{ width: 200 }} onSearch={(q) => set({ q: q || undefined })} />
          <span><Switch size="small" onChange={(on) => set({ overdue: on || undefined })} /> 只看超期</span>
          <span><Switch size="small" onChange={(on) => set({ mine: on || undefined })} /> 我认领的</span>
        </Flex>
      </Card>
      <Table<WorkOrder>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
        onRow={(order) => ({ onClick: () => navigate(`/hotline/orders/${order.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '编号', dataIndex: 'id', width: 70 },
          { title: '受理时间', dataIndex: 'acceptedAt', width: 140, render: chinaTime },
          { title: '类别', dataIndex: 'category', width: 60 },
          { title: '内容', dataIndex: 'content', ellipsis: true },
          { title: '来电', dataIndex: 'callerPhone', width: 120, render: (v: string | null) => v ?? '—' },
          { title: '答复方式', dataIndex: 'replyMode', width: 90, render: (_: string, o) => <Tag color={MODE_COLORS[o.replyMode]}>{o.replyModeLabel}</Tag> },
          { title: '状态', dataIndex: 'statusLabel', width: 80 },
          { title: '承办单位', dataIndex: 'department', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
          {
            title: '办理时限', dataIndex: 'deadline', width: 170,
            render: (_: string, o) => (
              <>
                {o.needsManualDeadline ? <Tag color="red">需人工确定</Tag> : chinaTime(o.deadline)}
                {o.overdue && <Tag color="red" style={{ marginLeft: 4 }}>超期</Tag>}
                {o.escalatedAt && <Tag color="volcano">督办</Tag>}
              </>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary">点击一行查看详情与流转。</Typography.Text>
    </>
  );
}
