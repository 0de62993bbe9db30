import { Card, Col, Form, Input, Row, Space } from 'antd';
import { AreaSelect } from '../components/AreaSelect';
import { RecordEditor } from '../components/RecordEditor';
import { RefList } from '../components/RefList';
import type { CatalogueItem } from '../types';

type ItemForm = Omit<CatalogueItem, 'concerns' | 'interpretations'>;

const OPTIONAL: [keyof ItemForm, string][] = [
  ['basis', '公开依据'],
  ['timeLimit', '公开时限'],
  ['publisher', '公开主体'],
  ['channels', '公开渠道和载体'],
  ['audience', '公开对象'],
  ['mode', '公开方式'],
  ['level', '公开层级'],
];

function toForm(item: CatalogueItem): ItemForm {
  const { concerns: _c, interpretations: _i, ...rest } = item;
  return rest;
}

function toBody(values: ItemForm) {
  const body: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(values)) body[key] = typeof value === 'string' ? value.trim() || null : (value ?? null);
  return body;
}

export function ItemEditPage() {
  return (
    <RecordEditor<CatalogueItem, ItemForm>
      kind="items"
      what="目录事项"
      toForm={toForm}
      toBody={toBody}
      initialValues={{}}
      fields={(_form, isNew) => (
        <>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="id" label="编号" rules={[{ required: true, whitespace: true, message: '请填写编号' }]}>
                <Input disabled={!isNew} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="areaCode" label="领域" rules={[{ required: true, message: '请选择领域' }]}>
                <AreaSelect style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="level1" label="一级事项" rules={[{ required: true, whitespace: true, message: '请填写一级事项' }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="title" label="二级事项（事项名称）" rules={[{ required: true, whitespace: true, message: '请填写二级事项' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="content" label="公开内容（要素）" rules={[{ required: true, whitespace: true, message: '请填写公开内容' }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Row gutter={12}>
            {OPTIONAL.map(([name, label]) => (
              <Col span={name === 'basis' ? 24 : 12} key={name}>
                <Form.Item name={name} label={label}>
                  {name === 'basis' ? <Input.TextArea rows={2} /> : <Input />}
                </Form.Item>
              </Col>
            ))}
          </Row>
        </>
      )}
      side={(item) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Card size="small" title="依据此事项的关切事项" data-testid="item-concerns">
            <RefList refs={item?.concerns} base="/concerns" empty="暂无关切事项依据此事项" />
          </Card>
          <Card size="small" title="解读此事项的政策解读">
            <RefList refs={item?.interpretations} base="/interpretations" empty="暂无政策解读" />
          </Card>
        </Space>
      )}
    />
  );
}
