import { Button, Col, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { apiPost } from '../api';
import { PageTitle } from '../components/PageTitle';
import { formatTime, useAction, useApiData } from '../hooks';
import { useLocation } from '../router';
import { allows, useSession } from '../session';

interface AuditEntry {
  id: number | string;
  at: string;
  user: string | { username?: string; displayName?: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** Set when this entry is itself the revert of another one. */
  revertOf?: string | null;
}

type AuditListing = AuditEntry[] | { total?: number; items?: AuditEntry[]; entries?: AuditEntry[] };

const PAGE_SIZE = 50;

const ENTITY_LABELS: Record<string, string> = { concern: '关切事项', item: '目录事项', interpretation: '政策解读' };

const ACTION_LABELS: Record<string, string> = { create: '新建', update: '修改', status: '状态变更', delete: '删除', revert: '撤销', import: '导入' };

function userName(user: AuditEntry['user']): string {
  if (!user) return '系统';
  return typeof user === 'string' ? user : (user.displayName || user.username || '—');
}

function Snapshot({ label, value }: { label: string; value: unknown }) {
  return (
    <Col span={12}>
      <Typography.Text strong>{label}</Typography.Text>
      <pre style={{ maxHeight: 320, overflow: 'auto', background: '#fafafa', padding: 8, fontSize: 12, whiteSpace: 'pre-wrap' }}>
        {value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2)}
      </pre>
    </Col>
  );
}

export function AuditPage() {
  const { user } = useSession();
  // /audit?entityType=concern&entityId=C-1 opens one record's history (linked from the editors).
  const { search } = useLocation();
  const [entityType, setEntityType] = useState<string | undefined>(search.get('entityType') ?? undefined);
  const [entityId, setEntityId] = useState<string | undefined>(search.get('entityId') ?? undefined);
  const [page, setPage] = useState(1);
  const { data, loading, reload } = useApiData<AuditListing>('/api/console/audit', { entityType, entityId, page, pageSize: PAGE_SIZE });
  const { busy, run } = useAction();
  const entries = Array.isArray(data) ? data : (data?.items ?? data?.entries ?? []);
  const total = Array.isArray(data) ? data.length : (data?.total ?? entries.length);

  const revert = (entry: AuditEntry) =>
    run(
      String(entry.id),
      async () => {
        await apiPost(`/api/console/audit/${encodeURIComponent(String(entry.id))}/revert`);
        reload();
      },
      '已撤销，撤销操作本身也记入日志',
    );

  return (
    <>
      <PageTitle title="操作日志" sub="每一次修改：谁、什么时候、改了什么（修改前 / 修改后），可以撤销。" />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="对象类型" style={{ width: 140 }} value={entityType} onChange={(v) => { setEntityType(v); setPage(1); }} options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))} />
        <Input.Search allowClear placeholder="对象编号" defaultValue={entityId} style={{ width: 220 }} onSearch={(v) => { setEntityId(v.trim() || undefined); setPage(1); }} />
      </Space>
      <Table<AuditEntry>
        rowKey={(e) => String(e.id)}
        loading={loading}
        dataSource={entries}
        pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
        expandable={{
          expandedRowRender: (entry) => (
            <Row gutter={12}>
              <Snapshot label="修改前" value={entry.before} />
              <Snapshot label="修改后" value={entry.after} />
            </Row>
          ),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 180, render: (at) => formatTime(at) },
          { title: '操作人', dataIndex: 'user', width: 120, render: userName },
          { title: '操作', dataIndex: 'action', width: 110, render: (a: string) => <Tag>{ACTION_LABELS[a] ?? a}</Tag> },
          { title: '对象', dataIndex: 'entityType', width: 110, render: (t: string) => ENTITY_LABELS[t] ?? t },
          { title: '编号', dataIndex: 'entityId', render: (id: string, entry) => (entry.revertOf ? `${id}（撤销第 ${entry.revertOf} 条）` : id) },
          {
            title: '',
            width: 100,
            render: (_: unknown, entry) =>
              allows(user, ['curator']) ? (
                <Popconfirm title="恢复到这次修改之前的状态？" onConfirm={() => void revert(entry)}>
                  <Button size="small" icon={<RollbackOutlined />} loading={busy === String(entry.id)}>
                    撤销
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </>
  );
}
