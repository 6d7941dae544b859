import { Card, Descriptions, Form, Input, Radio, Select, Space, Switch, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import {
  CADRE_LEVELS,
  DECISION_FORMS,
  DECISION_SUB_FORMS,
  DEFAULT_TOLERATED_ERROR_REASONS,
  PERSON_RELATIONS,
  type DecisionForm,
  type DecisionState,
} from '../../../../../libs/domain/src/accountability';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { CommandButton, CommandModal } from '../../common/command-modal';
import { StateTag, type Tone } from '../../common/state-tag';
import type { CaseDecision, CaseEvent, CaseFile, CasePerson } from './discipline.api';
import {
  CADRE_WORDS,
  CASE_EVENT_WORDS,
  FORM_WORDS,
  ORIGIN_WORDS,
  RELATION_WORDS,
  STATE_WORDS,
  words,
} from './discipline-labels';

interface DecisionValues {
  personId?: string;
  form: DecisionForm;
  subForm?: string;
  reasonCode?: string;
  statement?: string;
  decidedOn: string;
  documentNumber?: string;
  reason?: string;
}

const STATE_TONES: Record<DecisionState, Tone> = {
  provisional: 'orange',
  final: 'green',
  overturned: 'red',
  corrected: 'grey',
};

// The case file: persons concerned, every decision with its review and correction, the case's own
// events and the measure's timeline; the commands the body may take. The API decides which body
// may act (a reviewer is the body the rules name), and its refusal is shown as it is.
export function CasePage() {
  const { id = '' } = useParams();
  const { tr } = useI18n();
  const { may } = useSession();
  const file = useApi(() => unwrap<CaseFile>(api.GET('/cases/{id}', { params: { path: { id } } })), [id], {
    refreshMs: 30_000,
  });
  const c = file.data;
  const acts = may('case:act');
  const personName = (pid: string) => c?.persons.find((p) => p.id === pid)?.name ?? pid;

  return (
    <>
      <Typography.Title level={2}>
        {tr('问责案件', 'Accountability case')} {c?.measure ? c.measure.code : ''}
      </Typography.Title>
      <Link to="/discipline">{tr('返回案件列表', 'Back to the cases')}</Link>
      <RefusalAlert error={file.error} />
      {c && (
        <Space direction="vertical" size="large" style={{ width: '100%', marginTop: 16 }}>
          <Descriptions
            bordered
            size="small"
            column={2}
            items={[
              {
                label: tr('状态', 'Status'),
                children:
                  c.status === 'open' ? (
                    <StateTag tone="blue">{tr('办理中', 'Open')}</StateTag>
                  ) : (
                    <StateTag tone="green">{tr('已结案', 'Concluded')}</StateTag>
                  ),
              },
              { label: tr('来源', 'Origin'), children: words(ORIGIN_WORDS, c.origin, tr) },
              {
                label: tr('承办机关', 'Body'),
                children: c.body ? `${c.body.name} (${c.body.code})` : tr('未指定', 'None'),
              },
              { label: tr('事由', 'Reason'), children: c.reason ?? '—' },
              { label: tr('立案时间', 'Opened'), children: c.openedAt.slice(0, 10) },
              { label: tr('办理期限', 'Due'), children: c.dueAt.slice(0, 10) },
              {
                label: tr('整改措施', 'Measure'),
                children: c.measure ? (
                  <Link to={`/measures/${c.measure.id}`}>
                    {c.measure.code} {c.measure.title}
                  </Link>
                ) : (
                  '—'
                ),
              },
              { label: tr('结案时间', 'Concluded'), children: c.concludedAt?.slice(0, 10) ?? '—' },
            ]}
          />
          {acts && c.status === 'open' && (
            <Space wrap>
              <AddPerson caseId={c.id} onDone={file.reload} />
              <CommandModal<DecisionValues>
                label={tr('作出处理决定', 'Record a decision')}
                title={tr('作出处理决定', 'Record a decision')}
                buttonProps={{ type: 'primary' }}
                submit={(v) =>
                  unwrap(
                    api.POST('/cases/{id}/decisions', {
                      params: { path: { id: c.id } },
                      body: decisionBody(v) as never,
                    }),
                  )
                }
                onDone={file.reload}
              >
                {() => (
                  <>
                    <Form.Item name="personId" label={tr('责任人', 'Person')} rules={[{ required: true }]}>
                      <Select
                        options={c.persons.map((p) => ({ value: p.id, label: `${p.name} · ${p.post}` }))}
                      />
                    </Form.Item>
                    <DecisionFields />
                  </>
                )}
              </CommandModal>
              <CommandButton
                label={tr('结案', 'Conclude')}
                run={() => unwrap(api.POST('/cases/{id}/conclusion', { params: { path: { id: c.id } } }))}
                onDone={file.reload}
              />
            </Space>
          )}
          <Card title={tr('责任人员', 'Persons concerned')} size="small">
            <Table<CasePerson>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.persons}
              columns={[
                { title: tr('姓名', 'Name'), dataIndex: 'name' },
                { title: tr('职务', 'Post'), dataIndex: 'post' },
                {
                  title: tr('干部层级', 'Cadre level'),
                  dataIndex: 'cadreLevel',
                  render: (l: string) => words(CADRE_WORDS, l, tr),
                },
                {
                  title: tr('党员', 'Party member'),
                  dataIndex: 'partyMember',
                  render: (m: boolean) => (m ? tr('是', 'Yes') : tr('否', 'No')),
                },
                {
                  title: tr('责任关系', 'Relation'),
                  dataIndex: 'relation',
                  render: (r: string) => words(RELATION_WORDS, r, tr),
                },
              ]}
            />
          </Card>
          <Card title={tr('处理决定', 'Decisions')} size="small">
            <Table<CaseDecision>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.decisions}
              columns={[
                { title: tr('责任人', 'Person'), dataIndex: 'personId', render: personName },
                {
                  title: tr('处理方式', 'Form'),
                  dataIndex: 'form',
                  render: (f: string, d) =>
                    `${words(FORM_WORDS, f, tr)}${d.subForm ? ` · ${d.subForm}` : ''}`,
                },
                { title: tr('文号', 'Document'), dataIndex: 'documentNumber', render: (n) => n ?? '—' },
                { title: tr('决定日期', 'Decided on'), dataIndex: 'decidedOn' },
                { title: tr('决定机关', 'Body'), dataIndex: 'bodyCode' },
                {
                  title: tr('状态', 'State'),
                  dataIndex: 'state',
                  render: (s: DecisionState, d) => (
                    <Space direction="vertical" size={0}>
                      <StateTag tone={STATE_TONES[s]}>{words(STATE_WORDS, s, tr)}</StateTag>
                      {d.reviewBodyCode && (
                        <Typography.Text type="secondary">
                          {tr('审核机关', 'Reviewer')} {d.reviewBodyCode}
                        </Typography.Text>
                      )}
                      {d.reviewReasons && <Typography.Text>{d.reviewReasons}</Typography.Text>}
                      {d.correctionReason && (
                        <Typography.Text>
                          {tr('纠正理由', 'Correction')}: {d.correctionReason}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
                ...(acts
                  ? [
                      {
                        title: tr('操作', 'Actions'),
                        key: 'actions',
                        render: (_: unknown, d: CaseDecision) => (
                          <DecisionActions
                            caseId={c.id}
                            decision={d}
                            who={personName(d.personId)}
                            onDone={file.reload}
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <Card title={tr('案件记录', 'Case record')} size="small">
            <Table<CaseEvent>
              rowKey={(e) => `${e.kind}-${e.occurredAt}-${e.actor}`}
              size="small"
              pagination={false}
              dataSource={c.events}
              columns={[
                {
                  title: tr('时间', 'When'),
                  dataIndex: 'occurredAt',
                  render: (t: string) => t.replace('T', ' ').slice(0, 19),
                },
                {
                  title: tr('事项', 'What'),
                  dataIndex: 'kind',
                  render: (k: string) => words(CASE_EVENT_WORDS, k, tr),
                },
                { title: tr('操作人', 'By'), dataIndex: 'actor' },
              ]}
            />
          </Card>
          {c.timeline.length > 0 && (
            <Card title={tr('整改措施时间线', 'Measure timeline')} size="small">
              <Table
                rowKey={(e) => `${e.kind}-${e.occurredAt}`}
                size="small"
                pagination={false}
                dataSource={[...c.timeline]}
                columns={[
                  {
                    title: tr('时间', 'When'),
                    dataIndex: 'occurredAt',
                    render: (t: string) => t.replace('T', ' ').slice(0, 19),
                  },
                  { title: tr('事项', 'What'), dataIndex: 'kind' },
                  { title: tr('操作人', 'By'), dataIndex: 'actor' },
                ]}
              />
            </Card>
          )}
        </Space>
      )}
    </>
  );
}

// The API takes only the fields a decision of its form carries; empty inputs are not sent.
function decisionBody(v: DecisionValues): Record<string, unknown> {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
}

function DecisionFields() {
  const { tr } = useI18n();
  return (
    <>
      <Form.Item name="form" label={tr('处理方式', 'Form')} rules={[{ required: true }]}>
        <Select options={DECISION_FORMS.map((f) => ({ value: f, label: words(FORM_WORDS, f, tr) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.form !== b.form}>
        {({ getFieldValue }) => {
          const form = getFieldValue('form') as DecisionForm | undefined;
          const subForms = form ? DECISION_SUB_FORMS[form] : [];
          return (
            <>
              {subForms.length > 0 && (
                <Form.Item name="subForm" label={tr('具体形式', 'Sub-form')}>
                  <Select options={subForms.map((s) => ({ value: s, label: s }))} />
                </Form.Item>
              )}
              {form === 'tolerated_error' && (
                <Form.Item name="reasonCode" label={tr('容错情形', 'Qualifying reason')}>
                  <Select
                    options={DEFAULT_TOLERATED_ERROR_REASONS.map((r) => ({ value: r.code, label: r.label }))}
                  />
                </Form.Item>
              )}
            </>
          );
        }}
      </Form.Item>
      <Form.Item name="statement" label={tr('事实陈述', 'Statement')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="decidedOn" label={tr('决定日期', 'Decided on')} rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="documentNumber" label={tr('文号', 'Document number')}>
        <Input />
      </Form.Item>
    </>
  );
}

function AddPerson({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { tr } = useI18n();
  return (
    <CommandModal<{ name: string; post: string; cadreLevel: string; partyMember: boolean; relation: string }>
      label={tr('认定责任人', 'Name a person')}
      title={tr('认定责任人', 'Name a person concerned')}
      initialValues={{ partyMember: true }}
      submit={(v) =>
        unwrap(api.POST('/cases/{id}/persons', { params: { path: { id: caseId } }, body: v as never }))
      }
      onDone={onDone}
    >
      {() => (
        <>
          <Form.Item name="name" label={tr('姓名', 'Name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="post" label={tr('职务', 'Post')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="cadreLevel" label={tr('干部层级', 'Cadre level')} rules={[{ required: true }]}>
            <Select options={CADRE_LEVELS.map((l) => ({ value: l, label: words(CADRE_WORDS, l, tr) }))} />
          </Form.Item>
          <Form.Item name="partyMember" label={tr('党员', 'Party member')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="relation" label={tr('责任关系', 'Relation')} rules={[{ required: true }]}>
            <Select
              options={PERSON_RELATIONS.map((r) => ({ value: r, label: words(RELATION_WORDS, r, tr) }))}
            />
          </Form.Item>
        </>
      )}
    </CommandModal>
  );
}

// A provisional decision is reviewed (提级审核); one in force may be corrected. Which body may do
// either is the API's to say.
function DecisionActions(props: { caseId: string; decision: CaseDecision; who: string; onDone: () => void }) {
  const { tr } = useI18n();
  const { caseId, decision: d } = props;
  const path = { id: caseId, decision: d.id };
  if (d.state === 'provisional')
    return (
      <CommandModal<{ outcome: 'confirm' | 'overturn'; reasons?: string }>
        label={tr('审核', 'Review')}
        ariaLabel={`${tr('审核', 'Review')} ${props.who}`}
        title={`${tr('提级审核', 'Escalated review')}: ${props.who}`}
        submit={(v) =>
          unwrap(api.POST('/cases/{id}/decisions/{decision}/review', { params: { path }, body: v as never }))
        }
        onDone={props.onDone}
      >
        {() => (
          <>
            <Form.Item name="outcome" label={tr('审核意见', 'Outcome')} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'confirm', label: tr('同意', 'Confirm') },
                  { value: 'overturn', label: tr('退回', 'Overturn') },
                ]}
              />
            </Form.Item>
            <Form.Item name="reasons" label={tr('理由', 'Reasons')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
      </CommandModal>
    );
  if (d.state === 'final')
    return (
      <CommandModal<DecisionValues>
        label={tr('纠正', 'Correct')}
        ariaLabel={`${tr('纠正', 'Correct')} ${props.who}`}
        title={`${tr('纠正处理决定', 'Correct the decision')}: ${props.who}`}
        submit={(v) =>
          unwrap(
            api.POST('/cases/{id}/decisions/{decision}/correction', {
              params: { path },
              body: decisionBody(v) as never,
            }),
          )
        }
        onDone={props.onDone}
      >
        {() => (
          <>
            <DecisionFields />
            <Form.Item name="reason" label={tr('纠正理由', 'Reason')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </CommandModal>
    );
  return null;
}
