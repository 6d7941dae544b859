import { Layout, Menu, Space, Typography } from 'antd';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n';
import { LanguageSwitch } from '../../i18n/language-switch';

// The pages anyone may open without signing in: published bulletins, feedback and its tracking.
export function PublicLayout() {
  const { tr } = useI18n();
  const location = useLocation();
  const selected = location.pathname.startsWith('/public/feedback') ? 'feedback' : 'bulletins';
  return (
    <>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          style={{
            background: '#fff',
            display: 'flex',
            alignItems: 'center',
            gap: 24,
            borderBottom: '1px solid #eee',
          }}
        >
          <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
            Rectify {tr('整改公开', 'public pages')}
          </Typography.Text>
          <nav aria-label={tr('公开页面', 'Public pages')} style={{ flex: 1, minWidth: 0 }}>
            <Menu
              mode="horizontal"
              selectedKeys={[selected]}
              style={{ borderBottom: 'none' }}
              items={[
                {
                  key: 'bulletins',
                  label: <Link to="/public/bulletins">{tr('公开通报', 'Public bulletins')}</Link>,
                },
                { key: 'feedback', label: <Link to="/public/feedback">{tr('群众反映', 'Feedback')}</Link> },
              ]}
            />
          </nav>
          <Space>
            <LanguageSwitch />
            <Link to="/login">{tr('工作人员登录', 'Staff sign-in')}</Link>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, maxWidth: 1100, width: '100%', margin: '0 auto' }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </>
  );
}
