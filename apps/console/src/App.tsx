import { App as AntApp, Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { configureApi } from './api';
import { ChangePasswordDialog } from './components/ChangePasswordDialog';
import { LoginPage } from './pages/LoginPage';
import { matchPath, navigate, ParamsProvider, useLocation, useTitle } from './router';
import { routes, type ConsoleRoute } from './routes';
import { allows, ROLE_LABELS, useSession } from './session';

function findRoute(pathname: string): { route: ConsoleRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** The menu entry a detail page belongs to (/concerns/C-1 → /concerns). */
function menuKeyFor(pathname: string): string {
  const menu = routes.filter((r) => r.menu !== false);
  return menu.find((r) => pathname === r.path || pathname.startsWith(`${r.path}/`))?.path ?? '';
}

function Page({ route, params }: { route: ConsoleRoute; params: Record<string, string> }) {
  useTitle(route.label);
  return <ParamsProvider params={params}>{route.element}</ParamsProvider>;
}

function Shell() {
  const { user, logout } = useSession();
  const { pathname } = useLocation();
  const visible = routes.filter((r) => r.menu !== false && allows(user, r.roles));
  const found = findRoute(pathname);
  const [changingPassword, setChangingPassword] = useState(false);

  useEffect(() => {
    // The console root (or an unknown path) opens the first page this role may use.
    if (!found && visible.length > 0) navigate(visible[0].path, { replace: true });
  }, [found, visible]);

  let content = null;
  if (found && allows(user, found.route.roles)) content = <Page key={pathname} route={found.route} params={found.params} />;
  else if (found) content = <Result status="403" title="没有权限" subTitle="当前账号的角色不能使用此页面。" />;
  else if (visible.length === 0) content = <Result status="info" title="当前账号没有可用的页面" subTitle="请联系管理员分配角色。" />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={0}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 15 }}>政务公开一键应答</div>
        <Menu
          mode="inline"
          selectedKeys={[menuKeyFor(pathname)]}
          items={visible.map((r) => ({ key: r.path, icon: r.icon, label: r.label }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}>
          <Space>
            <Typography.Text data-testid="current-user">
              {user?.displayName || user?.username}（{user ? ROLE_LABELS[user.role] : ''}）
            </Typography.Text>
            <Button icon={<KeyOutlined />} onClick={() => setChangingPassword(true)}>
              修改密码
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>{content}</Layout.Content>
        {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
      </Layout>
    </Layout>
  );
}

/** Only the change-password step (and signing out) until the printed first password is replaced. */
function PasswordChangeRequired() {
  const { logout, refresh } = useSession();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}>
        <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
          退出登录
        </Button>
      </Layout.Header>
      <ChangePasswordDialog required onClose={() => void refresh()} />
    </Layout>
  );
}

export function ConsoleApp() {
  const { user, loading } = useSession();
  const { message } = AntApp.useApp();
  useEffect(() => configureApi({ notifyError: (text) => void message.error(text) }), [message]);
  if (loading) return <Spin fullscreen tip="加载中…" />;
  if (!user) return <LoginPage />;
  return user.mustChangePassword ? <PasswordChangeRequired /> : <Shell />;
}
