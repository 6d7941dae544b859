import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { useApi } from '../../common/use-api';
import { RefusalAlert } from '../../common/refusal-alert';
import { useI18n } from '../../i18n/i18n';

export function LoginPage() {
  const { signIn, setUp } = useSession();
  const { tr, language, setLanguage } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  // A new installation has no account: the first admin is created here with the setup token.
  const setup = useApi(() => unwrap<{ setupRequired: boolean }>(api.GET('/auth/setup')), []);
  const firstAdmin = setup.data?.setupRequired === true;
  const submit = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      navigate(from, { replace: true });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ display: 'flex', justifyContent: 'center', paddingTop: '10vh' }}>
      <Card style={{ width: 400 }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          Rectify {tr('整改督办', 'supervisory follow-up')}
        </Typography.Title>
        <RefusalAlert error={error} />
        {firstAdmin ? (
          <Form
            layout="vertical"
            onFinish={(v: { setupToken: string; email: string; password: string; displayName: string }) =>
              submit(() => setUp(v))
            }
          >
            <Typography.Paragraph>
              {tr(
                '尚无账户。请用启动时写出的一次性设置令牌创建第一个管理员。',
                'No account exists yet. Create the first admin with the one-time setup token written at boot.',
              )}
            </Typography.Paragraph>
            <Form.Item label={tr('设置令牌', 'Setup token')} name="setupToken" rules={[{ required: true }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item label={tr('姓名', 'Name')} name="displayName" rules={[{ required: true }]}>
              <Input autoComplete="name" />
            </Form.Item>
            <Form.Item label={tr('邮箱', 'Email')} name="email" rules={[{ required: true }]}>
              <Input type="email" autoComplete="username" />
            </Form.Item>
            <Form.Item
              label={tr('密码（至少12位）', 'Password (12+ characters)')}
              name="password"
              rules={[{ required: true }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block>
              {tr('创建管理员', 'Create the admin')}
            </Button>
          </Form>
        ) : (
          <Form
            layout="vertical"
            onFinish={(v: { email: string; password: string }) => submit(() => signIn(v.email, v.password))}
          >
            <Form.Item label={tr('邮箱', 'Email')} name="email" rules={[{ required: true }]}>
              <Input type="email" autoComplete="username" />
            </Form.Item>
            <Form.Item label={tr('密码', 'Password')} name="password" rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block>
              {tr('登录', 'Sign in')}
            </Button>
          </Form>
        )}
        <Space style={{ marginTop: 16, justifyContent: 'space-between', width: '100%' }}>
          <Link to="/public/bulletins">{tr('公开通报', 'Public bulletins')}</Link>
          <Link to="/public/feedback">{tr('群众反映', 'Feedback')}</Link>
          <Button type="link" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}>
            {language === 'zh' ? 'English' : '中文'}
          </Button>
        </Space>
      </Card>
    </main>
  );
}
