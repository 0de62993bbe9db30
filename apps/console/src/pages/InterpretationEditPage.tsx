import { Card, Col, Form, Input, Row, Space } from 'antd';
import { EntityPicker } from '../components/EntityPicker';
import { RecordEditor } from '../components/RecordEditor';
import { RefList } from '../components/RefList';
import type { Interpretation } from '../types';

type InterpretationForm = Omit<Interpretation, 'concerns' | 'items'>;

const META: [keyof InterpretationForm, string][] = [
  ['document', '解读的文件'],
  ['docNumber', '文号'],
  ['publisher', '发布机关'],
  ['date', '日期'],
  ['form', '形式（文字/图片/视频/访谈/问答）'],
  ['url', '原文链接'],
];

function toForm(record: Interpretation): InterpretationForm {
  const { concerns: _c, items: _i, ...rest } = record;
  return { ...rest, itemIds: record.itemIds ?? record.items?.map((i) => i.id) ?? [] };
}

function toBody(values: InterpretationForm) {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) body[key] = typeof value === 'string' ? value.trim() || null : value;
  return { ...body, body: values.body ?? '', itemIds: values.itemIds ?? [] };
}

export function InterpretationEditPage() {
  return (
    <RecordEditor<Interpretation, InterpretationForm>
      kind="interpretations"
      what="政策解读"
      toForm={toForm}
      toBody={toBody}
      initialValues={{ itemIds: [] }}
      fields={(_form, isNew, record) => (
        <>
          <Form.Item name="id" label="编号" rules={[{ required: true, whitespace: true, message: '请填写编号' }]}>
            <Input disabled={!isNew} placeholder="例如 interp-tourism-2022-01" />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input />
          </Form.Item>
          <Row gutter={12}>
            {META.map(([name, label]) => (
              <Col span={12} key={name}>
                <Form.Item name={name} label={label}>
                  <Input />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item name="itemIds" label="解读的目录事项">
            <EntityPicker kind="items" known={record?.items} />
          </Form.Item>
          <Form.Item name="body" label="正文（Markdown）">
            <Input.TextArea rows={12} />
          </Form.Item>
        </>
      )}
      side={(record) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Card size="small" title="解读的目录事项">
            <RefList refs={record?.items} base="/items" empty="未关联目录事项" />
          </Card>
          <Card size="small" title="引用此解读的关切事项">
            <RefList refs={record?.concerns} base="/concerns" empty="暂无关切事项引用" />
          </Card>
        </Space>
      )}
    />
  );
}
