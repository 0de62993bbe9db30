import { Button, Card, Col, Form, Row, Space, Spin, type FormInstance } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useEffect, type ReactNode } from 'react';
import { apiPost, apiPut } from '../api';
import { useAction, useApiData } from '../hooks';
import { Link, navigate, useParams } from '../router';
import { PageTitle } from './PageTitle';

/**
 * Load → edit → save for a catalogue item or an interpretation (`/api/console/<kind>/:id`), with
 * a side column (what rests on the record). New records are POSTed, existing ones PUT.
 */
export function RecordEditor<T extends { id: string; title: string }, F extends object>(props: {
  kind: 'items' | 'interpretations';
  what: string;
  toForm: (record: T) => F;
  toBody: (values: F) => object;
  initialValues: Partial<F>;
  fields: (form: FormInstance<F>, isNew: boolean, record: T | null) => ReactNode;
  side: (record: T | null) => ReactNode;
}) {
  const { id } = useParams();
  const isNew = !id;
  const endpoint = `/api/console/${props.kind}`;
  const { data, loading, setData } = useApiData<T>(isNew ? null : `${endpoint}/${encodeURIComponent(id)}`);
  const [form] = Form.useForm<F>();
  const { busy, run } = useAction();
  const { toForm } = props;

  useEffect(() => {
    // antd's setFieldsValue wants its own RecursivePartial; F is the form's value shape.
    if (data) form.setFieldsValue(toForm(data) as Parameters<typeof form.setFieldsValue>[0]);
  }, [data, form, toForm]);

  const save = () =>
    run(
      'save',
      async () => {
        const body = props.toBody(await form.validateFields());
        const saved = isNew ? await apiPost<T>(endpoint, body) : await apiPut<T>(`${endpoint}/${encodeURIComponent(id)}`, body);
        setData(saved);
        if (isNew) navigate(`/${props.kind}/${encodeURIComponent(saved.id)}`, { replace: true });
      },
      isNew ? '已创建' : '已保存；依据它的关切事项已标记为待复核',
    );

  if (!isNew && loading && !data) return <Spin />;
  return (
    <>
      <PageTitle
        title={isNew ? `新建${props.what}` : (data?.title ?? id)}
        sub={!isNew && id}
        extra={
          <Space>
            {!isNew && <Link to={`/audit?entityType=${props.kind === 'items' ? 'item' : 'interpretation'}&entityId=${encodeURIComponent(id)}`}>修改记录</Link>}
            <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => void save()}>
              保存
            </Button>
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small">
            <Form<F> form={form} layout="vertical" initialValues={props.initialValues as Parameters<typeof form.setFieldsValue>[0]}>
              {props.fields(form, isNew, data)}
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {props.side(data)}
        </Col>
      </Row>
    </>
  );
}
