import { Button, Checkbox, Input, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { withQuery } from '../api';
import { AreaSelect } from '../components/AreaSelect';
import { PageTitle } from '../components/PageTitle';
import { concernColumns } from '../components/concernColumns';
import { useApiData, useAreas, useDebounced } from '../hooks';
import { navigate, useLocation } from '../router';
import { KIND_LABELS, STATUS_LABELS, type ConcernSummary, type Page } from '../types';

interface Filters {
  area?: string;
  status?: string;
  kind?: string;
  needsReview?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

/** Filters live in the address (/concerns?status=draft&page=2): back from an editor returns to the same list. */
function filtersFrom(search: URLSearchParams): Filters {
  const number = (key: string, fallback: number) => Number(search.get(key)) || fallback;
  return {
    area: search.get('area') ?? undefined,
    status: search.get('status') ?? undefined,
    kind: search.get('kind') ?? undefined,
    needsReview: search.get('needsReview') === 'true' || undefined,
    q: search.get('q') ?? undefined,
    page: number('page', 1),
    pageSize: number('pageSize', 20),
  };
}

export function ConcernListPage() {
  const areas = useAreas();
  const { search } = useLocation();
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(search));
  const [text, setText] = useState(filters.q ?? '');
  const [owner, setOwner] = useState(search.get('owner') ?? '');
  const ownerFilter = useDebounced(owner.trim(), 400);
  useEffect(() => {
    navigate(withQuery('/concerns', { ...filters, owner: ownerFilter || undefined, page: filters.page > 1 ? filters.page : undefined, pageSize: filters.pageSize !== 20 ? filters.pageSize : undefined }), { replace: true });
  }, [filters, ownerFilter]);
  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const { data, loading } = useApiData<Page<ConcernSummary>>('/api/console/concerns', {
    ...filters,
    owner: ownerFilter || undefined,
    needsReview: filters.needsReview ? true : undefined,
  });

  return (
    <>
      <PageTitle
        title="关切事项"
        sub="群众关切的问题及其答复口径；只有已发布的事项会用于答复。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/concerns/new')}>
            新建关切事项
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="搜索标题、问法、答复"
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(q) => update({ q: q.trim() || undefined })}
          style={{ width: 260 }}
          data-testid="concern-search"
        />
        <AreaSelect value={filters.area} onChange={(area) => update({ area })} />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status) => update({ status })}
          options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          allowClear
          placeholder="类型"
          style={{ width: 120 }}
          value={filters.kind}
          onChange={(kind) => update({ kind })}
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
          data-testid="concern-kind-filter"
        />
        <Input
          placeholder="负责人"
          allowClear
          style={{ width: 140 }}
          value={owner}
          onChange={(e) => {
            setOwner(e.target.value);
            setFilters((f) => ({ ...f, page: 1 }));
          }}
        />
        <Checkbox checked={Boolean(filters.needsReview)} onChange={(e) => update({ needsReview: e.target.checked || undefined })}>
          只看待复核
        </Checkbox>
      </Space>
      <Table<ConcernSummary>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => `共 ${total} 项`,
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
        columns={concernColumns(areas)}
      />
    </>
  );
}
