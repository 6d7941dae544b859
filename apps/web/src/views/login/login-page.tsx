import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { RefusalAlert } from '../../common/refusal-alert';
import { useI18n } from '../../i18n/i18n';

export function LoginPage() {
  const { signIn } = useSession();
  const { tr, language, setLanguage } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  return (
    <main style={{ display: 'flex', justifyContent: 'center', paddingTop: '10vh' }}>
      <Card style={{ width: 400 }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          Rectify {tr('整改督办', 'supervisory follow-up')}
        </Typography.Title>
        <RefusalAlert error={error} />
        <Form
          layout="vertical"
          onFinish={async (v: { email: string; password: string }) => {
            setBusy(true);
            setError(undefined);
            try {
              await signIn(v.email, v.password);
              navigate(from, { replace: true });
            } catch (e) {
              setError(e as Error);
            } finally {
              setBusy(false);
            }
          }}
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
