import { Form, Space, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { PlanSelect } from '../../common/plan-select';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import type { ScorecardAnswer, ScorecardRow } from './scorecard.api';

// 单位考评: per lead unit of the chosen plan, the measures it leads, how many were signed off by
// their deadline of those due by now (or signed off), what is overdue now, the escalation steps
// past reminders, and the reporting periods it missed (漏报). A unit sees its own rows only.
export function ScorecardPage() {
  const { tr } = useI18n();
  const [params, setParams] = useSearchParams();
  const planId = params.get('plan') ?? undefined;
  const answer = useApi(
    () =>
      planId
        ? unwrap<ScorecardAnswer>(api.GET('/plans/{id}/overview', { params: { path: { id: planId } } }))
        : Promise.resolve(undefined),
    [planId],
    { refreshMs: 15_000 },
  );
  const a = answer.data;
  return (
    <>
      <Typography.Title level={2}>{tr('单位考评', 'Unit scorecard')}</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={tr('整改方案', 'Plan')} htmlFor="scorecard-plan">
          <PlanSelect
            id="scorecard-plan"
            value={planId}
            onChange={(id) => setParams(id ? { plan: id } : {})}
          />
        </Form.Item>
      </Form>
      <RefusalAlert error={answer.error} />
      {a && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {tr('截至', 'As of')} {a.asOf.slice(0, 16).replace('T', ' ')} UTC
            {a.reportingCadence
              ? ''
              : ` · ${tr('本方案未设报告周期，不计漏报', 'no reporting cadence: no missed reports')}`}
          </Typography.Text>
          <Table<ScorecardRow>
            rowKey="unit"
            size="small"
            loading={answer.loading && !a}
            dataSource={a.scorecard as ScorecardRow[]}
            pagination={a.scorecard.length > 50 ? { pageSize: 50 } : false}
            columns={[
              {
                title: tr('责任单位', 'Unit'),
                dataIndex: 'name',
                render: (name: string, r) => `${name} (${r.unit})`,
              },
              {
                title: tr('牵头措施', 'Measures led'),
                dataIndex: 'measuresLed',
                align: 'right',
                sorter: (x, y) => x.measuresLed - y.measuresLed,
              },
              { title: tr('应完成', 'Due or signed off'), dataIndex: 'dueOrSignedOff', align: 'right' },
              { title: tr('按期销号', 'Signed off on time'), dataIndex: 'signedOffOnTime', align: 'right' },
              {
                title: tr('按期完成率', 'On-time rate'),
                dataIndex: 'onTimeRate',
                align: 'right',
                sorter: (x, y) => (x.onTimeRate ?? -1) - (y.onTimeRate ?? -1),
                render: (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`),
              },
              {
                title: tr('当前逾期', 'Overdue now'),
                dataIndex: 'overdueNow',
                align: 'right',
                sorter: (x, y) => x.overdueNow - y.overdueNow,
              },
              {
                title: tr('督办升级', 'Escalations'),
                dataIndex: 'escalations',
                align: 'right',
                sorter: (x, y) => x.escalations - y.escalations,
              },
              {
                title: tr('漏报', 'Reports missed'),
                dataIndex: 'reportsMissed',
                align: 'right',
                sorter: (x, y) => x.reportsMissed - y.reportsMissed,
              },
            ]}
          />
        </Space>
      )}
    </>
  );
}
