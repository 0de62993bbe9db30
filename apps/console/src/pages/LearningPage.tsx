import { Button, Card, Empty, Flex, List, Modal, Popconfirm, Select, Space, Spin, Tag, Typography } from 'antd';
import { FireOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { apiPost } from '../api';
import { EntityPicker } from '../components/EntityPicker';
import { PageTitle } from '../components/PageTitle';
import { useAction, useApiData } from '../hooks';
import { navigate } from '../router';
import { CHANNEL_LABELS, type ScoredRef } from '../types';

interface LearningGroup {
  key: string;
  label: string;
  count: number;
  channels: Record<string, number>;
  questions: { text: string; count: number }[];
  suggestedConcern: ScoredRef | null;
  hot: boolean;
}

const groupPath = (key: string, action: string) => `/api/console/learning/groups/${encodeURIComponent(key)}/${action}`;

/** The new concern's id, whatever envelope the endpoint wraps it in. */
function createdId(response: unknown): string | undefined {
  const r = response as { id?: string; concern?: { id?: string }; concernId?: string } | undefined;
  return r?.id ?? r?.concern?.id ?? r?.concernId;
}

function AddParaphrasesDialog({ group, onClose, onDone }: { group: LearningGroup; onClose: () => void; onDone: () => void }) {
  const [concernId, setConcernId] = useState<string>(group.suggestedConcern?.id ?? '');
  const { busy, run } = useAction();
  const submit = () =>
    run(
      'add',
      async () => {
        await apiPost(groupPath(group.key, 'add-paraphrases'), { concernId });
        onDone();
      },
      '已加为相似问法',
    );
  return (
    <Modal open title={`把“${group.label}”的问法加到关切事项`} okText="加为相似问法" cancelText="取消" onCancel={onClose} onOk={() => void submit()} okButtonProps={{ disabled: !concernId, loading: busy === 'add' }}>
      <Typography.Paragraph type="secondary">这 {group.questions.length} 种问法会成为所选事项的相似问法，以后同样的问题就能直接答复。</Typography.Paragraph>
      <EntityPicker kind="concerns" single value={concernId} onChange={(v) => setConcernId(String(v ?? ''))} known={group.suggestedConcern ? [group.suggestedConcern] : []} placeholder="搜索关切事项" />
    </Modal>
  );
}

function GroupCard({ group, onChanged, onAddParaphrases }: { group: LearningGroup; onChanged: () => void; onAddParaphrases: () => void }) {
  const { busy, run } = useAction();
  const newConcern = () =>
    run(
      'new',
      async () => {
        const id = createdId(await apiPost(groupPath(group.key, 'new-concern'), {}));
        if (id) navigate(`/concerns/${encodeURIComponent(id)}`);
        else onChanged();
      },
      '已生成草稿事项，请补充答复口径后发布',
    );
  const dismiss = () =>
    run(
      'dismiss',
      async () => {
        await apiPost(groupPath(group.key, 'dismiss'));
        onChanged();
      },
      '已忽略',
    );

  return (
    <Card
      size="small"
      data-testid="learning-group"
      title={
        <Space wrap>
          {group.hot && (
            <Tag color="red" icon={<FireOutlined />}>
              热点
            </Tag>
          )}
          <span>{group.label}</span>
          <Tag>{group.count} 次</Tag>
          {Object.entries(group.channels)
            .filter(([, n]) => n > 0)
            .map(([channel, n]) => (
              <Tag key={channel} color="blue">
                {CHANNEL_LABELS[channel] ?? channel} {n}
              </Tag>
            ))}
        </Space>
      }
      extra={
        <Space wrap>
          <Button type="primary" size="small" icon={<PlusOutlined />} loading={busy === 'new'} onClick={() => void newConcern()}>
            新建草稿事项
          </Button>
          <Button size="small" onClick={onAddParaphrases}>
            加为相似问法
          </Button>
          <Popconfirm title="忽略这组问题？（不会再出现在列表里）" onConfirm={() => void dismiss()}>
            <Button size="small">忽略</Button>
          </Popconfirm>
        </Space>
      }
    >
      <List
        size="small"
        dataSource={group.questions.slice(0, 8)}
        renderItem={(q) => (
          <List.Item>
            <Typography.Text>{q.text}</Typography.Text>
            <Typography.Text type="secondary">× {q.count}</Typography.Text>
          </List.Item>
        )}
      />
      {group.questions.length > 8 && <Typography.Text type="secondary">还有 {group.questions.length - 8} 种问法……</Typography.Text>}
      {group.suggestedConcern && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          最接近的现有事项：{group.suggestedConcern.title}（得分 {group.suggestedConcern.score.toFixed(2)}）
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export function LearningPage() {
  const [days, setDays] = useState(30);
  const [channel, setChannel] = useState<string>();
  const [adding, setAdding] = useState<LearningGroup | null>(null);
  const { data, loading, reload } = useApiData<{ groups: LearningGroup[] }>('/api/console/learning/groups', { days, channel });
  const groups = data?.groups ?? [];

  return (
    <>
      <PageTitle
        title="学习闭环"
        sub="引擎没能答复或拿不准的问题，按相似程度分组。一键转为新的关切事项，或加为现有事项的相似问法。"
        extra={
          <Space>
            <Select value={days} onChange={setDays} style={{ width: 120 }} options={[7, 30, 90].map((d) => ({ value: d, label: `最近 ${d} 天` }))} />
            <Select allowClear placeholder="全部渠道" value={channel} onChange={setChannel} style={{ width: 130 }} options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))} />
            <Button onClick={reload}>刷新</Button>
          </Space>
        }
      />
      {loading && !data ? (
        <Spin />
      ) : groups.length === 0 ? (
        <Empty description="这段时间没有未能答复的问题" />
      ) : (
        <Flex vertical gap={12}>
          {groups.map((group) => (
            <GroupCard key={group.key} group={group} onChanged={reload} onAddParaphrases={() => setAdding(group)} />
          ))}
        </Flex>
      )}
      {adding && (
        <AddParaphrasesDialog
          group={adding}
          onClose={() => setAdding(null)}
          onDone={() => {
            setAdding(null);
            reload();
          }}
        />
      )}
    </>
  );
}
