import { Alert, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { apiGet, apiPost } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useAction, useApiData } from '../../hooks';
import { navigate, useParams } from '../../router';
import { chinaTime, type Transition, type WorkOrder, type WorkOrderStatus } from './types';

type Detail = WorkOrder & { transitions: Transition[] };

const ACTION_LABELS: Record<string, string> = { remind: '提醒', overdue: '超期', escalate: '督办', deadline: '调整时限', claim: '认领' };

/** One work order: what was asked, what the engine proposed, the next steps and the full history. */
export function WorkOrderDetailPage() {
  const { id } = useParams();
  const { data: order, reload } = useApiData<Detail>(`/api/hotline/work-orders/${encodeURIComponent(id)}`);
  const { run, busy } = useAction();
  const [target, setTarget] = useState<WorkOrderStatus | null>(null);
  const [deadlineOpen, setDeadlineOpen] = useState(false);
  const [form] = Form.useForm();
  if (!order) return null;

  const post = (path: string, body: object, success: string) =>
    run(path, () => apiPost(`/api/hotline/work-orders/${order.id}/${path}`, body), success).then((done) => {
      if (done) {
        setTarget(null);
        setDeadlineOpen(false);
        form.resetFields();
        reload();
      }
    });
  const openTransition = (to: WorkOrderStatus) => {
    form.setFieldsValue({ answer: to === 'replied' ? (order.answer ?? order.proposal.answer ?? '') : undefined, department: order.department ?? undefined });
    setTarget(to);
  };

  // Fills the reply with the approved answer (答复口径) of the concern the caller confirmed.
  const replyWith = (concernId: string) =>
    run('choice', () => apiGet<{ answer: string }>(`/api/concerns/${encodeURIComponent(concernId)}`)).then((concern) => {
      if (!concern) return;
      form.setFieldsValue({ answer: concern.answer, department: undefined });
      setTarget('replied');
    });

  return (
    <>
      <PageTitle
        title={`工单 ${order.id}`}
        sub={`${order.category} · ${order.replyModeLabel} · ${order.statusLabel}`}
        extra={<Button onClick={() => navigate('/hotline/orders')}>返回列表</Button>}
      />
      {order.needsManualDeadline && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={order.deadlineNote ?? '需人工确定办理时限'} />}
      {order.overdue && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={order.escalatedAt ? '已超期，已启动督办' : '已超过办理时限'} />}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title="诉求">
          <Descriptions size="small" column={2} items={[
            { key: 'phone', label: '来电号码', children: <>{order.callerPhone ?? '—'}{!order.personalDataRevealed && order.callerPhone && <Tag style={{ marginLeft: 8 }}>已脱敏</Tag>}</> },
            { key: 'channel', label: '渠道', children: order.channel },
            { key: 'accepted', label: '受理时间', children: chinaTime(order.acceptedAt) },
            { key: 'deadline', label: '办理时限', children: `${chinaTime(order.deadline)}${order.deadlineNote ? `（${order.deadlineNote}）` : ''}` },
            { key: 'department', label: '承办单位', children: order.department ?? '—' },
            { key: 'external', label: '平台工单号', children: order.externalId ?? '—' },
            { key: 'content', label: '内容', span: 2, children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{order.content}</Typography.Text> },
          ]} />
        </Card>
        {(order.proposal.answer || order.answer) && (
          <Card size="small" title={order.answer ? '答复' : '系统建议答复（知识库答复口径）'}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} copyable={{ text: order.answer ?? order.proposal.answer ?? '' }}>
              {order.answer ?? order.proposal.answer}
            </Typography.Paragraph>
          </Card>
        )}
        {order.proposal.choices.length > 0 && order.next.some((n) => n.status === 'replied') && (
          <Card size="small" title="系统未能确定是哪一项，请与来电人确认后答复" data-testid="order-choices">
            <Flex wrap gap={8}>
              {order.proposal.choices.map((choice) => (
                <Button key={choice.id} onClick={() => replyWith(choice.id)}>{choice.title}</Button>
              ))}
            </Flex>
          </Card>
        )}
        <Card size="small" title="办理">
          <Flex wrap gap={8}>
            {!order.personalDataRevealed && <Button onClick={() => post('claim', {}, '已认领')} loading={busy === 'claim'} data-testid="order-claim">认领</Button>}
            {order.next.map((n) => (
              <Button key={n.status} type={n.status === 'accepted' ? 'default' : 'primary'} onClick={() => openTransition(n.status)} data-testid={`order-to-${n.status}`}>
                {n.status === 'accepted' ? '退单' : n.label}
              </Button>
            ))}
            {['accepted', 'dispatched', 'processing'].includes(order.status) && <Button onClick={() => setDeadlineOpen(true)}>调整时限</Button>}
          </Flex>
        </Card>
        <Card size="small" title="流转记录">
          <Timeline items={order.transitions.map((t) => ({
            color: ['overdue', 'escalate'].includes(t.action) ? 'red' : t.action === 'remind' ? 'orange' : 'blue',
            content: (
              <>
                <Typography.Text strong>{t.action === 'transition' ? `${t.fromLabel ? `${t.fromLabel} → ` : ''}${t.toLabel}` : ACTION_LABELS[t.action] ?? t.action}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{chinaTime(t.at)} · {t.actorName ?? t.actor}</Typography.Text>
                {t.note && <div>{t.note}</div>}
              </>
            ),
          }))} />
        </Card>
      </Space>
      <Modal
        open={target !== null}
        title={target ? `转为「${order.next.find((n) => n.status === target)?.label ?? target}」` : ''}
        onCancel={() => setTarget(null)}
        onOk={() => form.validateFields().then((values) => post('transitions', { to: target, ...values }, '已更新'))}
        confirmLoading={busy === 'transitions'}
      >
        <Form form={form} layout="vertical">
          {target === 'dispatched' && <Form.Item name="department" label="承办单位" rules={[{ required: true, message: '请填写承办单位' }]}><Input /></Form.Item>}
          {target === 'replied' && <Form.Item name="answer" label="答复内容" rules={[{ required: true, message: '请填写答复内容' }]}><Input.TextArea rows={6} /></Form.Item>}
          {target === 'reviewed' && (
            <Form.Item name="satisfaction" label="满意度" rules={[{ required: true, message: '请选择满意度' }]}>
              <Select options={['满意', '基本满意', '不满意'].map((v) => ({ value: v, label: v }))} />
            </Form.Item>
          )}
          <Form.Item name="note" label="说明"><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
      <Modal
        open={deadlineOpen}
        title="调整办理时限"
        onCancel={() => setDeadlineOpen(false)}
        onOk={() => form.validateFields().then((values: { deadlineLocal: string; note?: string }) =>
          post('deadline', { deadline: `${values.deadlineLocal}:00+08:00`, note: values.note }, '时限已调整'))}
        confirmLoading={busy === 'deadline'}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="deadlineLocal" label="新时限（北京时间）" rules={[{ required: true, message: '请选择时间' }]}><Input type="datetime-local" /></Form.Item>
          <Form.Item name="note" label="理由"><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
