import { Card, Col, Empty, Row, Select, Spin, Statistic, Table } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { PageTitle } from '../components/PageTitle';
import { formatTime, useApiData } from '../hooks';
import { Link } from '../router';
import { CHANNEL_LABELS, DECISION_LABELS } from '../types';

interface Dashboard {
  perDay: { date: string; channel: string; count: number }[];
  decisions: Record<'answer' | 'clarify' | 'none' | 'greeting', number>;
  topConcerns: { id: string; title: string; count: number }[];
  topUnanswered: { key: string; label: string; count: number; hot: boolean }[];
  overdueItems: { id: string; title: string; area: string | null; timeLimit: string; lastUpdated: string; deadline: string }[];
  overdueTotal?: number;
}

function perDayOption(perDay: Dashboard['perDay']) {
  const dates = [...new Set(perDay.map((p) => p.date))].sort();
  const channels = [...new Set(perDay.map((p) => p.channel))];
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: channels.map((c) => CHANNEL_LABELS[c] ?? c) },
    grid: { left: 40, right: 20, bottom: 30, top: 40 },
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', minInterval: 1 },
    series: channels.map((channel) => ({
      name: CHANNEL_LABELS[channel] ?? channel,
      type: 'bar',
      stack: 'total',
      data: dates.map((date) => perDay.find((p) => p.date === date && p.channel === channel)?.count ?? 0),
    })),
  };
}

function decisionsOption(decisions: Dashboard['decisions']) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        data: (['answer', 'clarify', 'none', 'greeting'] as const).map((k) => ({ name: DECISION_LABELS[k], value: decisions[k] ?? 0 })),
      },
    ],
  };
}

function rankingOption(rows: { name: string; count: number }[], color: string) {
  const top = rows.slice(0, 10).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 160, right: 30, top: 10, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((r) => (r.name.length > 12 ? `${r.name.slice(0, 12)}…` : r.name)) },
    series: [{ type: 'bar', data: top.map((r) => r.count), itemStyle: { color } }],
  };
}

// echarts is most of the console's weight and only this page draws charts: load it with the page.
const EChart = lazy(() => import('../components/EChart').then((m) => ({ default: m.EChart })));

/** A chart, or an empty state when there is nothing to draw (an all-zero pie would mislead). */
function chart(count: number | undefined, option: EChartsCoreOption | undefined, testId?: string) {
  return count && option ? (
    <Suspense fallback={<Spin />}>
      <EChart option={option} testId={testId} />
    </Suspense>
  ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="这段时间暂无数据" style={{ height: 268, paddingTop: 80 }} />;
}

const percent = (part: number, total: number) => (total ? Math.round((part / total) * 1000) / 10 : 0);

export function DashboardPage() {
  const [days, setDays] = useState(30);
  const { data, loading } = useApiData<Dashboard>('/api/console/dashboard', { days });
  const options = useMemo(
    () =>
      data && {
        perDay: perDayOption(data.perDay),
        decisions: decisionsOption(data.decisions),
        concerns: rankingOption(data.topConcerns.map((c) => ({ name: c.title, count: c.count })), '#52c41a'),
        unanswered: rankingOption(data.topUnanswered.map((c) => ({ name: c.hot ? `🔥${c.label}` : c.label, count: c.count })), '#fa541c'),
      },
    [data],
  );
  const d = data?.decisions ?? { answer: 0, clarify: 0, none: 0, greeting: 0 };
  const total = d.answer + d.clarify + d.none + d.greeting;

  return (
    <>
      <PageTitle
        title="数据看板"
        sub="群众提问量、答复情况、热点和超期未更新的公开事项。"
        extra={<Select value={days} onChange={setDays} style={{ width: 120 }} options={[7, 30, 90, 365].map((n) => ({ value: n, label: `最近 ${n} 天` }))} />}
      />
      <Row gutter={[16, 16]}>
        {[
          ['提问总数', total, ''],
          ['直接答复率', percent(d.answer, total), '%'],
          ['反问确认率', percent(d.clarify, total), '%'],
          ['未能答复率', percent(d.none, total), '%'],
        ].map(([title, value, suffix]) => (
          <Col xs={12} lg={6} key={title}>
            <Card size="small" loading={loading && !data}>
              <Statistic title={title} value={value} suffix={suffix} />
            </Card>
          </Col>
        ))}
        <Col xs={24} xl={16}>
          <Card size="small" title="每日提问量（按渠道）">{chart(data?.perDay.length, options?.perDay, 'chart-per-day')}</Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="答复情况">{chart(total, options?.decisions, 'chart-decisions')}</Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="热门关切事项">{chart(data?.topConcerns.length, options?.concerns)}</Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="未能答复的问题（按相似归组）" extra={<Link to="/learning">去学习闭环处理</Link>}>
            {chart(data?.topUnanswered.length, options?.unanswered)}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={`超过公开时限未更新的目录事项（${data?.overdueTotal ?? data?.overdueItems.length ?? 0}）`}>
            <Table
              size="small"
              rowKey="id"
              dataSource={data?.overdueItems ?? []}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: '事项', dataIndex: 'title', render: (title: string, row) => <Link to={`/items/${encodeURIComponent(row.id)}`}>{title}</Link> },
                { title: '领域', dataIndex: 'area', width: 120, render: (a) => a || '—' },
                { title: '公开时限', dataIndex: 'timeLimit', width: 260 },
                { title: '最近更新', dataIndex: 'lastUpdated', width: 170, render: (t) => formatTime(t) },
                { title: '应公开截止', dataIndex: 'deadline', width: 170, render: (t) => formatTime(t) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
