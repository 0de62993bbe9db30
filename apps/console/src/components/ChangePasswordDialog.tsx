import { Form, Input, Modal } from 'antd';
import { apiPost } from '../api';
import { useAction } from '../hooks';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: the first administrator's one-time password must be replaced right after the first sign-in. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
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
    <Modal open title="修改密码" okText="保存" cancelText="取消" onCancel={onClose} onOk={() => void submit()} okButtonProps={{ loading: busy === 'save' }}>
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
