import { Form, Input, Modal } from 'antd';
import { apiPost } from '../api';
import { useAction } from '../hooks';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * 修改密码. With `required` (the first administrator's printed password) it cannot be dismissed: the
 * server refuses every other console call until the password is changed.
 */
export function ChangePasswordDialog({ onClose, required = false }: { onClose: () => void; required?: boolean }) {
  const [form] = Form.useForm<PasswordForm>();
  const { busy, run } = useAction();
  const submit = () =>
    run(
      'save',
      async () => {
        const { currentPassword, newPassword } = await form.validateFields();
        await apiPost('/api/auth/password', { currentPassword, newPassword });
        onClose();
      },
      '密码已修改，其他设备上的登录已失效',
    );
  return (
    <Modal
      open
      title={required ? '请先修改初始密码' : '修改密码'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: busy === 'save' }}
      closable={!required}
      maskClosable={!required}
      keyboard={!required}
      cancelButtonProps={{ style: required ? { display: 'none' } : undefined }}
    >
      {required && <p data-testid="password-change-required">初始密码已出现在服务日志中。请设置新密码后再使用管理后台。</p>}
      <Form form={form} layout="vertical">
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="再次输入新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
