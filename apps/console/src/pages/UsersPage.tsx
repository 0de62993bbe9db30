import { Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { apiPatch, apiPost } from '../api';
import { PageTitle } from '../components/PageTitle';
import { formatTime, useAction, useApiData } from '../hooks';
import { ROLE_LABELS, useSession, type Role } from '../session';

interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  lastLoginAt?: string | null;
  createdAt?: string;
}

interface UserForm {
  username?: string;
  displayName?: string;
  role: Role;
  password?: string;
}

const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

/** Create (no `editing`) or edit a user; a password field creates / resets the password. */
function UserDialog({ editing, onClose, onSaved }: { editing: UserRow | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<UserForm>();
  const { busy, run } = useAction();
  const submit = () =>
    run(
      'save',
      async () => {
        const values = await form.validateFields();
        if (editing) {
          await apiPatch(`/api/console/users/${editing.id}`, { role: values.role, displayName: values.displayName ?? '', ...(values.password ? { newPassword: values.password } : {}) });
        } else {
          await apiPost('/api/console/users', values);
        }
        onSaved();
      },
      editing ? '已保存' : '账号已创建',
    );
  return (
    <Modal open title={editing ? `修改账号 ${editing.username}` : '新建账号'} okText="保存" cancelText="取消" onCancel={onClose} onOk={() => void submit()} okButtonProps={{ loading: busy === 'save' }}>
      <Form form={form} layout="vertical" initialValues={editing ?? { role: 'curator' }}>
        {!editing && (
          <Form.Item name="username" label="用户名" rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{2,64}$/, message: '字母、数字和 _.-，2–64 位' }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label="显示名">
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true }]}>
          <Select options={ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item name="password" label={editing ? '重置密码（留空则不改）' : '初始密码'} rules={editing ? [] : [{ required: true, message: '请设置初始密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UsersPage() {
  const { user: me } = useSession();
  const { data, loading, reload } = useApiData<UserRow[]>('/api/console/users');
  const [dialog, setDialog] = useState<{ editing: UserRow | null } | null>(null);
  const { run } = useAction();
  const toggle = (row: UserRow, disabled: boolean) =>
    run(`toggle-${row.id}`, async () => {
      await apiPatch(`/api/console/users/${row.id}`, { disabled });
      reload();
    }, disabled ? '已停用' : '已启用');

  return (
    <>
      <PageTitle
        title="用户管理"
        sub="管理员创建账号并分配角色：管理员、编辑（维护知识库）、话务员（12345 热线检索）。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ editing: null })}>
            新建账号
          </Button>
        }
      />
      <Table<UserRow>
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '显示名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (role: Role) => <Tag color={role === 'admin' ? 'red' : role === 'curator' ? 'blue' : 'green'}>{ROLE_LABELS[role]}</Tag> },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: (t) => formatTime(t) },
          {
            title: '启用',
            dataIndex: 'disabled',
            render: (disabled: boolean, row) => <Switch checked={!disabled} disabled={String(row.id) === String(me?.id)} onChange={(on) => void toggle(row, !on)} />,
          },
          {
            title: '',
            render: (_: unknown, row) => (
              <Space>
                <Button size="small" onClick={() => setDialog({ editing: row })}>
                  修改
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {dialog && (
        <UserDialog
          editing={dialog.editing}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
    </>
  );
}
