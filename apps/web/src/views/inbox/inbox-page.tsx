import { App, Badge, Button, Card, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { StateTag } from '../../common/state-tag';
import type { Inbox, InboxItem, NotificationSettings } from './inbox.api';
import { INSTRUCTION_EVENT_TEXT, STEP_TEXT } from '../../common/labels';

const PAGE_SIZE = 20;

const KIND_WORDS: Record<string, readonly [string, string]> = {
  ...STEP_TEXT,
  ...INSTRUCTION_EVENT_TEXT,
  opened: ['问责立案', 'Case opened'],
  case_reminder: ['办案提醒', 'Case reminder'],
  case_overdue: ['办案超期', 'Case overdue'],
  case_escalated: ['超期上报', 'Case escalated'],
};

// 站内信: what Rectify told the signed-in person, newest first; each item opens its measure.
export function InboxPage() {
  const { tr } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<Error>();
  const inbox = useApi(
    () =>
      unwrap<Inbox>(
        api.GET('/me/inbox', {
          params: {
            query: { unread: String(unreadOnly), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } as never,
          },
        }),
      ),
    [unreadOnly, page],
    { refreshMs: 15_000 },
  );

  const markRead = async (item: InboxItem) => {
    setError(undefined);
    try {
      await unwrap(api.POST('/me/inbox/{id}/read', { params: { path: { id: item.id } } }));
      inbox.reload();
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <>
      <Typography.Title level={2}>
        <Space>
          {tr('消息', 'Inbox')}
          <Badge
            count={inbox.data?.unread ?? 0}
            showZero
            color="#b71c1c"
            title={tr('未读', 'Unread')}
            aria-label={`${tr('未读', 'Unread')} ${inbox.data?.unread ?? 0}`}
          />
        </Space>
      </Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <Switch
          id="unread-only"
          checked={unreadOnly}
          onChange={(v) => {
            setUnreadOnly(v);
            setPage(1);
          }}
        />
        <label htmlFor="unread-only">{tr('只看未读', 'Unread only')}</label>
      </Space>
      <RefusalAlert error={inbox.error ?? error} />
      <Table<InboxItem>
        rowKey="id"
        loading={inbox.loading && !inbox.data}
        dataSource={inbox.data?.items}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: inbox.data?.total,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          {
            title: tr('时间', 'When'),
            dataIndex: 'occurredAt',
            render: (t: string) => t.replace('T', ' ').slice(0, 16),
          },
          {
            title: tr('类别', 'Kind'),
            dataIndex: 'kind',
            render: (k: string, i) => (
              <StateTag tone={i.level > 0 ? 'red' : 'blue'}>
                {KIND_WORDS[k] ? tr(...KIND_WORDS[k]) : k}
              </StateTag>
            ),
          },
          { title: tr('主题', 'Subject'), dataIndex: 'subject' },
          {
            title: tr('整改措施', 'Measure'),
            key: 'measure',
            render: (_: unknown, i) => (
              <Space direction="vertical" size={0}>
                <Link to={`/measures/${i.measure.id}`}>
                  {i.measure.code} {i.measure.title}
                </Link>
                <Typography.Text type="secondary">
                  {i.plan.code} · {tr('期限', 'due')} {i.measure.dueAt.slice(0, 10)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: tr('状态', 'State'),
            key: 'read',
            render: (_: unknown, i) =>
              i.read ? (
                <Tag>{tr('已读', 'Read')}</Tag>
              ) : (
                <Button
                  size="small"
                  onClick={() => markRead(i)}
                  aria-label={`${tr('标为已读', 'Mark read')} ${i.measure.code} ${i.subject}`}
                >
                  {tr('标为已读', 'Mark read')}
                </Button>
              ),
          },
        ]}
      />
      <SettingsCard />
    </>
  );
}

interface SettingsForm {
  language: 'zh-CN' | 'en';
  timeZone: string;
  quiet: boolean;
  from?: string;
  to?: string;
  dailyDigest: boolean;
}

// Language, time zone, quiet hours and the daily digest; escalations (催办 and above) arrive
// whatever these say, as the API answers.
function SettingsCard() {
  const { tr } = useI18n();
  const { message } = App.useApp();
  const settings = useApi(() => unwrap<NotificationSettings>(api.GET('/me/notification-settings')), []);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const s = settings.data;
  return (
    <Card title={tr('通知设置', 'Notification settings')} style={{ marginTop: 24, maxWidth: 640 }}>
      <RefusalAlert error={settings.error ?? error} />
      {s && (
        <Form<SettingsForm>
          layout="vertical"
          initialValues={{
            language: s.language,
            timeZone: s.timeZone,
            quiet: s.quietHours !== null,
            from: s.quietHours?.from ?? '22:00',
            to: s.quietHours?.to ?? '07:00',
            dailyDigest: s.dailyDigest,
          }}
          onFinish={async (v) => {
            setBusy(true);
            setError(undefined);
            try {
              await unwrap(
                api.PATCH('/me/notification-settings', {
                  body: {
                    language: v.language,
                    timeZone: v.timeZone,
                    quietHours: v.quiet ? { from: v.from, to: v.to } : null,
                    dailyDigest: v.dailyDigest,
                  } as never,
                }),
              );
              message.success(tr('已保存', 'Saved'));
              settings.reload();
            } catch (e) {
              setError(e as Error);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="language" label={tr('语言', 'Language')}>
            <Select
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
          <Form.Item name="timeZone" label={tr('时区', 'Time zone')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="quiet" label={tr('免打扰时段', 'Quiet hours')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.quiet !== b.quiet}>
            {({ getFieldValue }) =>
              getFieldValue('quiet') && (
                <Space>
                  <Form.Item name="from" label={tr('开始', 'From')}>
                    <Input type="time" />
                  </Form.Item>
                  <Form.Item name="to" label={tr('结束', 'To')}>
                    <Input type="time" />
                  </Form.Item>
                </Space>
              )
            }
          </Form.Item>
          <Form.Item name="dailyDigest" label={tr('每日汇总', 'Daily digest')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Typography.Paragraph type="secondary">
            {tr(
              '催办及以上的督促通知不受以上设置限制，总是立即送达。',
              'Escalations (overdue notices and above) always arrive at once, whatever these settings say.',
            )}
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={busy}>
            {tr('保存设置', 'Save settings')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
