import { Alert, Card, Descriptions, Empty, Flex, Input, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { apiGet } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { HighlightText } from './HighlightText';
import type { ConcernHit, SearchResult } from './types';

// Short enough to feel instant, long enough not to send every keystroke of a fast typist.
const DEBOUNCE_MS = 120;

function ConcernCard({ hit, onSearch }: { hit: ConcernHit; onSearch: (q: string) => void }) {
  const item = hit.items[0];
  return (
    <Card
      size="small"
      data-testid="hotline-concern"
      title={<HighlightText value={hit.title} />}
      extra={hit.area && <Tag>{hit.area}</Tag>}
    >
      {hit.matchedPhrasing && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          相似问法：<HighlightText value={hit.matchedPhrasing} />
        </Typography.Paragraph>
      )}
      <Typography.Paragraph
        data-testid="hotline-answer"
        style={{ fontSize: 16, background: '#f6ffed', padding: 12, borderRadius: 6, whiteSpace: 'pre-wrap' }}
        copyable={{ text: hit.answer.text, tooltips: ['复制答复口径', '已复制'] }}
      >
        <HighlightText value={hit.answer} />
      </Typography.Paragraph>
      {item && (
        <Descriptions size="small" column={1} bordered items={[
          { key: 'item', label: '公开事项', children: item.title },
          { key: 'basis', label: '公开依据', children: item.basis ?? '—' },
          { key: 'limit', label: '公开时限', children: item.timeLimit ?? '—' },
          { key: 'body', label: '责任主体', children: [item.publisher, item.department].filter(Boolean).join('；') || '—' },
        ]} />
      )}
      {hit.interpretations.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          政策解读：{hit.interpretations.map((i) => `《${i.title}》${i.docNumber ? `（${i.docNumber}）` : ''}`).join('、')}
        </Typography.Paragraph>
      )}
      {hit.related.length > 0 && (
        <Flex wrap gap={4} style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">相关问题：</Typography.Text>
          {hit.related.map((r) => (
            <Tag key={r.id} color="blue" style={{ cursor: 'pointer' }} onClick={() => onSearch(r.title)}>{r.title}</Tag>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** Catalogue items or interpretations under the concerns (nothing when there are none). */
function HitList({ title, hits }: { title: string; hits: { id: string; title: ReactNode; description: ReactNode }[] }) {
  if (hits.length === 0) return null;
  return (
    <Card size="small" title={title}>
      <List dataSource={hits} renderItem={(hit) => (
        <List.Item key={hit.id}><List.Item.Meta title={hit.title} description={hit.description} /></List.Item>
      )} />
    </Card>
  );
}

/** 话务员答复检索: type a few of the caller's words, read out or copy the approved answer. */
export function HotlineSearchPage() {
  const [text, setText] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const q = text.trim();
    if (!/[\p{L}\p{N}]/u.test(q)) {
      setResult(null);
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      setLoading(true);
      apiGet<SearchResult>('/api/hotline/search', { q: q.slice(0, 200) }, { quiet: true })
        // Answers can arrive out of order: only the newest query's is shown.
        .then((value) => ticket === latest.current && setResult(value))
        .catch(() => ticket === latest.current && setResult(null))
        .finally(() => ticket === latest.current && setLoading(false));
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const empty = result && result.concerns.length + result.items.length + result.interpretations.length === 0;
  return (
    <>
      <PageTitle title="热线答复检索" sub="输入来电人说的几个字，关切事项（含答复口径）排在最前，其次是公开事项和政策解读。" />
      <Input.Search
        autoFocus
        allowClear
        size="large"
        placeholder="例如：低保申请、社保转移、新生儿落户"
        value={text}
        onChange={(e) => setText(e.target.value)}
        loading={loading}
        data-testid="hotline-search-input"
      />
      {result && Object.keys(result.corrections).length > 0 && (
        <Alert style={{ marginTop: 12 }} type="info" showIcon
          title={`已按 ${Object.entries(result.corrections).map(([from, to]) => `“${from}”→“${to}”`).join('、')} 检索`} />
      )}
      <Spin spinning={loading && !result}>
        {empty && <Empty style={{ marginTop: 32 }} description="知识库中没有找到相关内容，可登记工单转限时答复" />}
        {result && !empty && (
          <Space orientation="vertical" size={16} style={{ width: '100%', marginTop: 16 }}>
            {result.concerns.map((hit) => <ConcernCard key={hit.id} hit={hit} onSearch={setText} />)}
            <HitList title="公开事项" hits={result.items.map((item) => ({
              id: item.id,
              title: <><HighlightText value={item.titleHighlight} />{item.area && <Tag style={{ marginLeft: 8 }}>{item.area}·{item.level1}</Tag>}</>,
              description: (
                <>
                  <div><HighlightText value={item.content} /></div>
                  <div>依据：{item.basis ?? '—'}；时限：{item.timeLimit ?? '—'}；主体：{item.publisher ?? item.department ?? '—'}</div>
                </>
              ),
            }))} />
            <HitList title="政策解读" hits={result.interpretations.map((record) => ({
              id: record.id,
              title: <><HighlightText value={record.title} />{record.docNumber && <Typography.Text type="secondary">（{record.docNumber}）</Typography.Text>}</>,
              description: <HighlightText value={record.body} />,
            }))} />
          </Space>
        )}
      </Spin>
    </>
  );
}
