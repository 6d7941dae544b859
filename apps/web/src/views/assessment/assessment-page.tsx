import { Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { ASSESSMENT_COMPONENTS } from '../../../../../libs/domain/src/unit-assessment';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { CommandButton } from '../../common/command-modal';
import { ASSESSMENT_COMPONENT_TEXT } from '../../common/labels';
import { PlanSelect } from '../../common/plan-select';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import type { AssessmentAnswer, AssessmentRow } from './assessment.api';

// 考评排名: the ranking of the chosen plan's lead units for a period (a month, quarter or year, as
// the API reads it), with the rule it was scored by and whether the office published it. A unit
// sees its own row with its plan-wide rank; the office may publish the period's ranking here.
export function AssessmentPage() {
  const { tr } = useI18n();
  const { may } = useSession();
  const [params, setParams] = useSearchParams();
  const planId = params.get('plan') ?? undefined;
  const period = params.get('period') ?? new Date().toISOString().slice(0, 7);
  const choose = (next: { plan?: string; period?: string }) => {
    const plan = 'plan' in next ? next.plan : planId;
    setParams(plan ? { plan, period: next.period ?? period } : { period: next.period ?? period });
  };
  const answer = useApi(
    () =>
      planId
        ? unwrap<AssessmentAnswer>(
            api.GET('/plans/{id}/assessment', { params: { path: { id: planId }, query: { period } } }),
          )
        : Promise.resolve(undefined),
    [planId, period],
    { refreshMs: 30_000 },
  );
  const a = answer.data;
  const change = (c: number | null) =>
    c === null
      ? '—'
      : c > 0
        ? tr(`上升${c}位`, `up ${c}`)
        : c < 0
          ? tr(`下降${-c}位`, `down ${-c}`)
          : tr('持平', 'same');
  return (
    <>
      <Typography.Title level={2}>{tr('考评排名', 'Unit ranking')}</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={tr('整改方案', 'Plan')} htmlFor="assessment-plan">
          <PlanSelect id="assessment-plan" value={planId} onChange={(id) => choose({ plan: id })} />
        </Form.Item>
        <Form.Item label={tr('考评周期', 'Period')} htmlFor="assessment-period">
          <Input.Search
            id="assessment-period"
            defaultValue={period}
            placeholder="2026-12 / 2026-Q4 / 2026"
            enterButton={tr('查看', 'Show')}
            onSearch={(v) => choose({ period: v.trim() })}
            style={{ width: 260 }}
          />
        </Form.Item>
      </Form>
      <RefusalAlert error={answer.error} />
      {a && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>
              {tr('考评周期', 'Period')} {a.period.key} · {tr('截至', 'as of')}{' '}
              {a.asOf.slice(0, 16).replace('T', ' ')} UTC
            </Typography.Text>
            {a.publication ? (
              <Tag color="green">
                {tr('已公开', 'Published')} {a.publication.publishedAt.slice(0, 10)}
              </Tag>
            ) : (
              <Tag>{tr('未公开', 'Not published')}</Tag>
            )}
            {may('assessment:manage') && (
              <CommandButton
                label={a.publication ? tr('重新公开', 'Publish again') : tr('公开本期排名', 'Publish')}
                run={() =>
                  unwrap(
                    api.POST('/plans/{id}/assessment/publications', {
                      params: { path: { id: planId! } },
                      body: { period },
                    }),
                  )
                }
                onDone={answer.reload}
              />
            )}
          </Space>
          <Descriptions
            bordered
            size="small"
            column={4}
            title={
              a.rule.source === 'default'
                ? tr('考评办法：默认', 'Rule: the default')
                : tr(`考评办法：第${a.rule.version}版`, `Rule: version ${a.rule.version}`)
            }
            items={[
              ...ASSESSMENT_COMPONENTS.map((c) => ({
                key: c,
                label: tr(...ASSESSMENT_COMPONENT_TEXT[c]),
                children: a.rule.weights[c],
              })),
              {
                key: 'caps',
                label: tr('封顶', 'Caps'),
                children: tr(
                  `逾期${a.rule.overdueDaysCap}天 · 等级${a.rule.overdueLevelCap} · ${a.rule.countCap}次`,
                  `${a.rule.overdueDaysCap} days · level ${a.rule.overdueLevelCap} · ${a.rule.countCap} times`,
                ),
              },
            ]}
          />
          <Table<AssessmentRow>
            rowKey="unitCode"
            size="small"
            dataSource={a.units as AssessmentRow[]}
            pagination={a.units.length > 50 ? { pageSize: 50 } : false}
            columns={[
              { title: tr('名次', 'Rank'), dataIndex: 'rank', align: 'right' },
              {
                title: tr('责任单位', 'Unit'),
                dataIndex: 'unitName',
                render: (name: string, r) => `${name} (${r.unitCode})`,
              },
              {
                title: tr('得分', 'Score'),
                dataIndex: 'score',
                align: 'right',
                render: (s: number) => s.toFixed(1),
              },
              { title: tr('较上期', 'Change'), dataIndex: 'change', render: change },
              ...ASSESSMENT_COMPONENTS.map((c) => ({
                key: c,
                title: tr(...ASSESSMENT_COMPONENT_TEXT[c]),
                align: 'right' as const,
                render: (_: unknown, r: AssessmentRow) => `${Math.round(r.components[c] * 1000) / 10}%`,
              })),
            ]}
          />
        </Space>
      )}
    </>
  );
}
