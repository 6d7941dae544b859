import {
  AlertOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  EyeOutlined,
  FileSearchOutlined,
  FormOutlined,
  ImportOutlined,
  MailOutlined,
  SafetyOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Action } from '../../../../libs/domain/src/authorization';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from '../i18n/language-switch';

interface Entry {
  readonly path: string;
  readonly icon: ReactNode;
  readonly zh: string;
  readonly en: string;
  // Shown to roles the API grants this action (libs/domain/src/authorization.ts).
  readonly action: Action;
}

const ENTRIES: readonly Entry[] = [
  { path: '/', icon: <AppstoreOutlined />, zh: '整改方案', en: 'Plans', action: 'plan:read' },
  {
    path: '/measures',
    icon: <UnorderedListOutlined />,
    zh: '整改措施',
    en: 'Measures',
    action: 'measure:read',
  },
  { path: '/import', icon: <ImportOutlined />, zh: '导入方案', en: 'Import a plan', action: 'plan:import' },
  {
    path: '/plans/drafts',
    icon: <FileSearchOutlined />,
    zh: '从文件起草',
    en: 'Draft from a document',
    action: 'plan:import',
  },
  {
    path: '/escalation',
    icon: <AlertOutlined />,
    zh: '督办升级',
    en: 'Escalation',
    action: 'measure:manage',
  },
  {
    path: '/instructions',
    icon: <FormOutlined />,
    zh: '领导批示',
    en: 'Instructions',
    action: 'instruction:read',
  },
  { path: '/scorecard', icon: <TrophyOutlined />, zh: '单位考评', en: 'Unit scorecard', action: 'plan:read' },
  {
    path: '/assessment',
    icon: <BarChartOutlined />,
    zh: '考评排名',
    en: 'Unit ranking',
    action: 'plan:read',
  },
  { path: '/inbox', icon: <MailOutlined />, zh: '消息', en: 'Inbox', action: 'inbox:self' },
  {
    path: '/discipline',
    icon: <SafetyOutlined />,
    zh: '纪检监察',
    en: 'Discipline desk',
    action: 'case:read',
  },
  {
    path: '/spot-inspections',
    icon: <EyeOutlined />,
    zh: '抽查暗访',
    en: 'Spot inspections',
    action: 'spot:read',
  },
  { path: '/audit', icon: <AuditOutlined />, zh: '审计日志', en: 'Audit log', action: 'audit:read' },
];

export function AppLayout() {
  const { me, may, signOut } = useSession();
  const { tr } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const items = ENTRIES.filter((e) => may(e.action)).map((e) => ({
    key: e.path,
    icon: e.icon,
    label: tr(e.zh, e.en),
  }));
  const selected = ENTRIES.filter((e) => e.path !== '/' && location.pathname.startsWith(e.path)).map(
    (e) => e.path,
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={200}>
        <Typography.Title
          level={4}
          style={{ padding: '16px 24px', margin: 0, fontSize: 17, whiteSpace: 'nowrap' }}
        >
          Rectify {tr('整改督办', '')}
        </Typography.Title>
        <nav aria-label={tr('主导航', 'Main navigation')}>
          <Menu
            mode="inline"
            selectedKeys={selected.length ? selected : ['/']}
            items={items}
            onClick={(e) => navigate(e.key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}
        >
          <Space>
            <LanguageSwitch />
            <Typography.Text data-testid="signed-in-as">
              {me?.account?.email ?? me?.principal.id} · {me?.principal.role}
            </Typography.Text>
            <Button
              onClick={async () => {
                await signOut();
                navigate('/login');
              }}
            >
              {tr('退出', 'Sign out')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
