import { Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { apiPost } from '../api';
import { useAction } from '../hooks';
import { DECISION_LABELS, type ConcernTestResult, type ScoredRef } from '../types';

/**
 * 测试此事项: runs sample questions through the live engine and shows, per question, which concern
 * wins and why (score, matched terms, the runners-up). Unsaved edits are not in the engine yet.
 */
export function ConcernTestBox({ concernId, samples }: { concernId?: string; samples: string[] }) {
  const [text, setText] = useState('');
  const [results, setResults] = useState<ConcernTestResult[]>([]);
  const { busy, run } = useAction();
  const questions = (text.trim() ? text : samples.join('\n'))
    .split('\n')
    .map((q) => q.trim())
    .filter(Boolean)
    .slice(0, 20);

  const test = () =>
    run('test', async () => {
      // With concernId the engine treats this (saved) concern as published, so drafts can be tried out.
      const response = await apiPost<{ results: ConcernTestResult[] }>('/api/console/concerns/test', { questions, ...(concernId ? { concernId } : {}) });
      setResults(response.results);
    });

  const describe = (ref: ScoredRef) => (
    <Space size={4} wrap>
      <Tag color={ref.id === concernId ? 'green' : 'default'}>{ref.title}</Tag>
      <Typography.Text type="secondary">得分 {ref.score.toFixed(3)}</Typography.Text>
      {ref.matchedTerms && ref.matchedTerms.length > 0 && <Typography.Text type="secondary">命中：{ref.matchedTerms.join('、')}</Typography.Text>}
    </Space>
  );

  return (
    <Card title="测试此事项" size="small" data-testid="concern-test-box">
      <Typography.Paragraph type="secondary">
        每行一个问题，交给答复引擎判断，看看会由哪个事项答复、为什么（本事项按已保存的内容、视同已发布参与比较）。留空则使用本事项的问题和相似问法。
      </Typography.Paragraph>
      <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder={samples.slice(0, 3).join('\n') || '例如：低保怎么申请'} />
      <Button style={{ marginTop: 8 }} icon={<ExperimentOutlined />} loading={busy === 'test'} disabled={questions.length === 0} onClick={() => void test()}>
        测试
      </Button>
      {results.length > 0 && (
        <Table<ConcernTestResult>
          style={{ marginTop: 12 }}
          size="small"
          rowKey="question"
          pagination={false}
          dataSource={results}
          columns={[
            { title: '问题', dataIndex: 'question', width: '25%' },
            {
              title: '结果',
              dataIndex: 'decision',
              width: 100,
              render: (decision: string) => <Tag color={decision === 'answer' ? 'green' : decision === 'clarify' ? 'gold' : 'red'}>{DECISION_LABELS[decision] ?? decision}</Tag>,
            },
            {
              title: '胜出事项',
              dataIndex: 'winner',
              render: (winner: ScoredRef | null, row) =>
                row.decision === 'clarify' && row.choices?.length ? (
                  <Typography.Text type="secondary">反问让群众在 {row.choices.map((c) => `“${c.title}”`).join('、')} 中选择</Typography.Text>
                ) : winner ? (
                  <Space orientation="vertical" size={0}>
                    {describe(winner)}
                    {concernId && winner.id !== concernId && <Typography.Text type="warning">不是本事项</Typography.Text>}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: '其他候选',
              dataIndex: 'candidates',
              render: (candidates: ScoredRef[], row) => (
                <Space orientation="vertical" size={2}>
                  {candidates
                    .filter((c) => c.id !== row.winner?.id)
                    .slice(0, 3)
                    .map((c) => (
                      <div key={c.id}>{describe(c)}</div>
                    ))}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
