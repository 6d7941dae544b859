import { Button, Card, Form, Input, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiRefusal, unwrap } from '../../api/client';
import { RefusalAlert } from '../../common/refusal-alert';
import { useI18n } from '../../i18n/i18n';
import { publicApi, type FeedbackReceipt } from './public.api';

// The API's limits (apps/api/src/feedback/feedback.controller.ts), so the form stops typing where
// the API would refuse.
const MAX_MESSAGE = 5_000;
const MAX_CONTACT = 200;

interface Submission {
  message: string;
  contact?: string;
}

// 群众反映: anyone tells the office about the rectification, without an account, and gets the
// tracking code that is their only way to follow it; and anyone with a code looks it up.
export function FeedbackPage() {
  const { tr } = useI18n();
  const [form] = Form.useForm<Submission>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<FeedbackReceipt>();

  const submit = async (v: Submission) => {
    setBusy(true);
    setError(undefined);
    try {
      const contact = v.contact?.trim() ? v.contact : null;
      setReceipt(
        await unwrap<FeedbackReceipt>(publicApi.POST('/feedback', { body: { message: v.message, contact } })),
      );
      form.resetFields();
    } catch (e) {
      setError(e as Error);
      // The API names each field it refuses (body.message, body.contact): shown at the field too.
      if (e instanceof ApiRefusal) form.setFields(fieldErrors(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {tr('群众反映', 'Feedback')}
      </Typography.Title>
      <Typography.Paragraph>
        {tr(
          '对整改工作有意见建议，或发现整改不到位，可在此反映，无需登录。提交后会得到一个查询码，凭码可查询办理情况。',
          'Tell the rectification office what you think of the rectification, or where it falls short, without an account. You get a tracking code to follow what becomes of it.',
        )}
      </Typography.Paragraph>
      {receipt ? (
        <Result
          status="success"
          title={tr('已收到您的反映', 'Your feedback was received')}
          subTitle={tr(
            '请记下查询码：这是查询办理情况的唯一凭证，遗失后无法找回。',
            'Write down the tracking code: it is the only way to follow your feedback and cannot be recovered.',
          )}
          extra={
            <Space direction="vertical" size="middle">
              <Typography.Text strong copyable data-testid="tracking-code" style={{ fontSize: 20 }}>
                {receipt.trackingCode}
              </Typography.Text>
              <Space>
                <Link to={`/public/feedback/${receipt.trackingCode}`}>
                  {tr('查看办理情况', 'See its status')}
                </Link>
                <Button onClick={() => setReceipt(undefined)}>
                  {tr('再反映一条', 'Send more feedback')}
                </Button>
              </Space>
            </Space>
          }
        />
      ) : (
        <Card>
          <RefusalAlert error={error} />
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            // A refusal is about what was sent: once the text changes, it no longer stands.
            onValuesChange={() => setError(undefined)}
          >
            <Form.Item
              label={tr('反映内容', 'Your feedback')}
              name="message"
              rules={[{ required: true, message: tr('请填写反映内容', 'Say what the feedback is') }]}
            >
              <Input.TextArea rows={6} maxLength={MAX_MESSAGE} showCount />
            </Form.Item>
            <Form.Item
              label={tr('联系方式（选填）', 'How to reach you (optional)')}
              name="contact"
              extra={tr('仅整改办可见，不会公开。', 'Only the office sees it; it is never published.')}
            >
              <Input maxLength={MAX_CONTACT} autoComplete="off" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {tr('提交', 'Submit')}
            </Button>
          </Form>
        </Card>
      )}
      <TrackingLookup />
    </>
  );
}

function TrackingLookup() {
  const { tr } = useI18n();
  const navigate = useNavigate();
  return (
    <Card style={{ marginTop: 24 }}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {tr('查询办理情况', 'Follow your feedback')}
      </Typography.Title>
      <Form
        layout="inline"
        onFinish={(v: { code: string }) => navigate(`/public/feedback/${encodeURIComponent(v.code.trim())}`)}
      >
        <Form.Item
          label={tr('查询码', 'Tracking code')}
          name="code"
          rules={[
            { required: true, whitespace: true, message: tr('请填写查询码', 'Enter the tracking code') },
          ]}
        >
          <Input placeholder="FB-XXXXX-XXXXX-XXXXX-XXXXX" style={{ width: 300 }} autoComplete="off" />
        </Form.Item>
        <Button htmlType="submit">{tr('查询', 'Look up')}</Button>
      </Form>
    </Card>
  );
}

function fieldErrors(e: ApiRefusal): { name: keyof Submission; errors: string[] }[] {
  const details = Array.isArray(e.error.details)
    ? (e.error.details as { path?: unknown; message?: unknown }[])
    : [];
  return details.flatMap((d) => {
    const field = /^body\.(message|contact)$/.exec(String(d.path))?.[1] as keyof Submission | undefined;
    return field ? [{ name: field, errors: [String(d.message)] }] : [];
  });
}
