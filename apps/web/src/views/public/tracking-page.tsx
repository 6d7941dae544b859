import { Card, Descriptions, Space, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { unwrap } from '../../api/client';
import { RefusalAlert } from '../../common/refusal-alert';
import { UpdatedAt } from '../../common/updated-at';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { publicApi, type FeedbackStatus, type FeedbackTracking } from './public.api';

// What the submitter may see of their feedback, by its tracking code: its status and what
// happened to it. Refreshed now and then, as the office may triage it while the page is open.
export function FeedbackTrackingPage() {
  const { code = '' } = useParams();
  // A page of its own per code: another code's status never stays on screen under a refusal.
  return <Tracking key={code} code={code} />;
}

function Tracking({ code }: { code: string }) {
  const { tr } = useI18n();
  const tracking = useApi(
    () =>
      unwrap<FeedbackTracking>(
        publicApi.GET('/feedback/{trackingCode}', { params: { path: { trackingCode: code } } }),
      ),
    [code],
    { refreshMs: 60_000 },
  );
  const f = tracking.data;
  const status: Record<FeedbackStatus, string> = {
    received: tr('已收到，等待整改办处理', 'Received, awaiting the office'),
    forwarded: tr('已转交整改措施办理', 'Forwarded to a rectification measure'),
    dismissed: tr('未予采纳', 'Dismissed'),
  };
  const when = (iso: string) => new Date(iso).toLocaleString();

  return (
    <>
      <Link to="/public/feedback">← {tr('群众反映', 'Feedback')}</Link>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginTop: 8 }} align="baseline">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {tr('办理情况', 'Feedback status')}
        </Typography.Title>
        <UpdatedAt
          at={tracking.updatedAt}
          loading={tracking.loading}
          error={tracking.error}
          onReload={tracking.reload}
        />
      </Space>
      <RefusalAlert error={tracking.error} />
      {f && (
        <Card>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={tr('查询码', 'Tracking code')}>{code}</Descriptions.Item>
            <Descriptions.Item label={tr('状态', 'Status')}>
              <Typography.Text strong data-testid="feedback-status">
                {status[f.status]}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
            {tr('办理经过', 'History')}
          </Typography.Title>
          <Timeline
            items={[
              { key: 'received', content: `${when(f.receivedAt)} ${tr('收到反映', 'Feedback received')}` },
              f.triagedAt && f.status === 'forwarded'
                ? {
                    key: 'forwarded',
                    content: `${when(f.triagedAt)} ${tr('转交整改措施', 'Forwarded to measure')} ${
                      f.forwardedTo ? `${f.forwardedTo.measureCode} ${f.forwardedTo.title}` : ''
                    }`,
                  }
                : f.triagedAt && f.status === 'dismissed'
                  ? {
                      key: 'dismissed',
                      content: `${when(f.triagedAt)} ${tr('未予采纳，理由：', 'Dismissed: ')}${f.dismissReason ?? ''}`,
                    }
                  : { key: 'pending', loading: true, content: tr('等待整改办处理', 'Awaiting the office') },
            ]}
          />
        </Card>
      )}
    </>
  );
}
