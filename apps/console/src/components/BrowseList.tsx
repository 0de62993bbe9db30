import { Button, Input, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useApiData } from '../hooks';
import { Link, navigate } from '../router';
import type { Page } from '../types';
import { AreaSelect } from './AreaSelect';
import { PageTitle } from './PageTitle';

/**
 * The shared "browse by area + search" list of items and interpretations: the title links to the
 * detail page at `${base}/:id`.
 */
export function BrowseList<T extends { id: string; title: string }>(props: {
  title: string;
  sub: string;
  endpoint: string;
  base: string;
  newLabel: string;
  columns: ColumnsType<T>;
  /** Whether the API filters this list by area (interpretations have no area of their own). */
  byArea?: boolean;
}) {
  const [area, setArea] = useState<string>();
  const [q, setQ] = useState<string>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, loading } = useApiData<Page<T>>(props.endpoint, { area, q, ...paging });

  return (
    <>
      <PageTitle
        title={props.title}
        sub={props.sub}
        extra={
          <Button icon={<PlusOutlined />} onClick={() => navigate(`${props.base}/new`)}>
            {props.newLabel}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        {props.byArea !== false && (
          <AreaSelect
            value={area}
            onChange={(value) => {
              setArea(value);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
        )}
        <Input.Search
          allowClear
          placeholder="搜索编号或名称"
          style={{ width: 260 }}
          onSearch={(value) => {
            setQ(value.trim() || undefined);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
      </Space>
      <Table<T>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => `共 ${total} 项`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: '名称', dataIndex: 'title', render: (title: string, row) => <Link to={`${props.base}/${encodeURIComponent(row.id)}`}>{title}</Link> },
          { title: '编号', dataIndex: 'id', width: 200 },
          ...props.columns,
        ]}
      />
    </>
  );
}
