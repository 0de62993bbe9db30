import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Popconfirm, Row, Select, Space, Spin } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { apiGet, apiPost, apiPut } from '../api';
import { AreaSelect } from '../components/AreaSelect';
import { ConcernSideInfo } from '../components/ConcernSideInfo';
import { ConcernTestBox } from '../components/ConcernTestBox';
import { EntityPicker } from '../components/EntityPicker';
import { PageTitle } from '../components/PageTitle';
import { PublishPreview, type ConcernPreview } from '../components/PublishPreview';
import { StatusTag } from '../components/StatusTag';
import { useAction, useApiData } from '../hooks';
import { navigate, useParams } from '../router';
import { KIND_LABELS, type Concern, type ConcernKind, type ConcernStatus } from '../types';

interface FormValues {
  id?: string;
  title: string;
  question: string;
  paraphrases: string;
  keywords: string[];
  answer: string;
  kind: ConcernKind;
  areaCode?: string;
  itemIds: string[];
  interpretationIds: string[];
  owner?: string;
  reviewDate?: Dayjs | null;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function toForm(concern: Concern): FormValues {
  return {
    id: concern.id,
    title: concern.title,
    question: concern.question,
    paraphrases: concern.paraphrases.join('\n'),
    keywords: concern.keywords,
    answer: concern.answer,
    kind: concern.kind ?? 'concern',
    areaCode: concern.areaCode ?? undefined,
    itemIds: concern.itemIds ?? concern.items?.map((i) => i.id) ?? [],
    interpretationIds: concern.interpretationIds ?? concern.interpretations?.map((i) => i.id) ?? [],
    owner: concern.owner ?? undefined,
    reviewDate: concern.reviewDate ? dayjs(concern.reviewDate) : null,
  };
}

function toBody(values: FormValues) {
  return {
    ...(values.id?.trim() ? { id: values.id.trim() } : {}),
    title: values.title.trim(),
    question: values.question.trim(),
    paraphrases: lines(values.paraphrases),
    keywords: (values.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    answer: values.answer.trim(),
    kind: values.kind,
    areaCode: values.areaCode ?? null,
    itemIds: values.itemIds ?? [],
    interpretationIds: values.interpretationIds ?? [],
    owner: values.owner?.trim() || null,
    reviewDate: values.reviewDate ? values.reviewDate.format('YYYY-MM-DD') : null,
  };
}

const STATUS_ACTIONS: Record<ConcernStatus, { to: ConcernStatus; label: string; primary?: boolean }[]> = {
  draft: [
    { to: 'published', label: '保存并发布', primary: true },
    { to: 'retired', label: '停用' },
  ],
  published: [
    { to: 'draft', label: '撤回为草稿' },
    { to: 'retired', label: '停用' },
  ],
  retired: [
    { to: 'draft', label: '恢复为草稿' },
    { to: 'published', label: '重新发布' },
  ],
};

export function ConcernEditPage() {
  const { id } = useParams();
  const isNew = !id;
  const { data: concern, loading, setData } = useApiData<Concern>(isNew ? null : `/api/console/concerns/${encodeURIComponent(id)}`);
  const [form] = Form.useForm<FormValues>();
  const { busy, run } = useAction();
  const { modal } = App.useApp();
  const question = Form.useWatch('question', form);
  const paraphrases = Form.useWatch('paraphrases', form);
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (concern) form.setFieldsValue(toForm(concern));
  }, [concern, form]);

  /** Saves the form; returns the stored concern (new ones get their id from the server). */
  const save = async (): Promise<Concern> => {
    const body = toBody(await form.validateFields());
    const saved = isNew ? await apiPost<Concern>('/api/console/concerns', body) : await apiPut<Concern>(`/api/console/concerns/${encodeURIComponent(id)}`, body);
    setData(saved);
    return saved;
  };

  const onSave = () =>
    run(
      'save',
      async () => {
        const saved = await save();
        if (isNew) navigate(`/concerns/${encodeURIComponent(saved.id)}`, { replace: true });
      },
      '已保存',
    );

  /** Saves, then shows the reply residents would get; resolves true once the curator confirms. */
  const confirmPublish = async (saved: Concern): Promise<boolean> => {
    const preview = await apiGet<ConcernPreview>(`/api/console/concerns/${encodeURIComponent(saved.id)}/preview`);
    if (isNew) navigate(`/concerns/${encodeURIComponent(saved.id)}`, { replace: true });
    const blocked = preview.problems.length > 0;
    return modal.confirm({
      title: blocked ? '还不能发布' : '确认发布？',
      width: 640,
      content: <PublishPreview preview={preview} />,
      okText: '发布',
      cancelText: blocked ? '返回修改' : '取消',
      okButtonProps: { disabled: blocked },
    });
  };

  const changeStatus = (to: ConcernStatus) =>
    run(
      to,
      async () => {
        const saved = await save();
        if (to === 'published' && !(await confirmPublish(saved))) throw new Error('未发布');
        const updated = await apiPost<Concern>(`/api/console/concerns/${encodeURIComponent(saved.id)}/status`, { status: to });
        if (updated && typeof updated === 'object' && 'id' in updated) setData(updated);
        else setData({ ...saved, status: to });
        if (isNew) navigate(`/concerns/${encodeURIComponent(saved.id)}`, { replace: true });
      },
      to === 'published' ? '已发布，几秒内即可用于答复' : '状态已更新',
    );

  if (!isNew && loading && !concern) return <Spin />;
  const status: ConcernStatus = concern?.status ?? 'draft';

  return (
    <>
      <PageTitle
        title={isNew ? '新建关切事项' : (concern?.title ?? id)}
        sub={!isNew && <StatusTag status={status} />}
        extra={
          <Space wrap>
            <Button type={isNew ? 'primary' : 'default'} icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => void onSave()}>
              保存
            </Button>
            {STATUS_ACTIONS[status].map((action) =>
              action.to === 'retired' ? (
                <Popconfirm key={action.to} title="停用后此事项不再用于答复，确定？" onConfirm={() => void changeStatus(action.to)}>
                  <Button danger loading={busy === action.to}>
                    {action.label}
                  </Button>
                </Popconfirm>
              ) : (
                <Button key={action.to} type={action.primary ? 'primary' : 'default'} loading={busy === action.to} onClick={() => void changeStatus(action.to)}>
                  {action.label}
                </Button>
              ),
            )}
          </Space>
        }
      />
      {concern?.needsReview && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`所依据的目录事项或政策解读已变更，请复核答复口径；保存后视为已复核。${concern.reviewNote ? `（${concern.reviewNote}）` : ''}`} />
      )}
      {concern?.reviewOverdue && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`复核日期（${concern.reviewDate}）已过，请复核后更新复核日期。`} />}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small">
            <Form<FormValues> form={form} layout="vertical" initialValues={{ paraphrases: '', keywords: [], kind: 'concern', itemIds: [], interpretationIds: [] }}>
              {isNew && (
                <Form.Item name="id" label="编号" extra="可留空，由系统生成；只能包含字母、数字、中文和 - _ .">
                  <Input placeholder="例如 C-social-assistance-apply" />
                </Form.Item>
              )}
              <Form.Item
                name="kind"
                label="类型"
                extra={kind === 'referral' ? '转办指引：由其他部门或渠道办理的事（交警 122、12315、95598、110/119/120……）。答复写明由谁办理、怎么联系、要准备什么，不需要关联目录事项。' : undefined}
              >
                <Select style={{ width: 200 }} options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} data-testid="concern-kind" />
              </Form.Item>
              <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="question" label="标准问题" rules={[{ required: true, whitespace: true, message: '请填写标准问题' }]}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name="paraphrases" label="相似问法（每行一条）" extra="写群众真会说的话：口语、简短、带背景的长句，至少 4 条。">
                <Input.TextArea rows={5} />
              </Form.Item>
              <Form.Item name="keywords" label="关键词">
                <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder="输入后回车" />
              </Form.Item>
              <Form.Item name="answer" label="答复口径" rules={[{ required: true, whitespace: true, message: '请填写答复口径' }]} extra={kind === 'referral' ? '只写全国统一的号码和平台（122、12315、95598……），不要编造本地电话、地址、费用；当地已把热线并入 12345 的，也可以写 12345。' : '不要编造金额、电话、地址、日期：写明在哪里公布，或请群众拨打 12345。'}>
                <Input.TextArea rows={7} />
              </Form.Item>
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="areaCode" label="领域">
                    <AreaSelect style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="owner" label="负责人">
                    <Input maxLength={64} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="reviewDate" label="复核日期">
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="itemIds" label={kind === 'referral' ? '依据的目录事项（转办指引可不填）' : '依据的目录事项'}>
                <EntityPicker kind="items" known={concern?.items} />
              </Form.Item>
              <Form.Item name="interpretationIds" label="相关政策解读">
                <EntityPicker kind="interpretations" known={concern?.interpretations} />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <ConcernTestBox concernId={concern?.id} samples={[question ?? '', ...lines(paraphrases)].filter(Boolean)} />
          {concern && <ConcernSideInfo concernId={concern.id} />}
        </Col>
      </Row>
    </>
  );
}
