import { Form, Input, Select, Space, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { CommandModal } from '../../common/command-modal';
import { INSTRUCTION_STATE_TEXT, INSTRUCTION_TARGET_TEXT } from '../../common/labels';
import { PlanSelect } from '../../common/plan-select';
import { RefusalAlert } from '../../common/refusal-alert';
import { StateTag, type Tone } from '../../common/state-tag';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { INSTRUCTION_TARGET_KINDS } from '../../../../../libs/domain/src/leader-instruction';
import type { InstructionState } from '../../../../../libs/domain/src/leader-instruction';
import type { Instruction, InstructionList } from './instructions.api';

const STATE_TONE: Record<InstructionState, Tone> = {
  awaiting_answer: 'blue',
  answered: 'green',
  answer_overdue: 'red',
};

interface IssueForm {
  targetKind: string;
  targetCode?: string;
  text: string;
  author: string;
  issuedOn: string;
  answerLimit?: string;
}

// 批示: the leaders' instructions on the chosen plan with their state and answers (落实情况). A
// leader or the office records one; a responsible unit (or the office) answers. What each role
// sees and may answer is the API's rule: the screen offers the answer where the list says so.
export function InstructionsPage() {
  const { tr, language } = useI18n();
  const { may } = useSession();
  const [params, setParams] = useSearchParams();
  const planId = params.get('plan') ?? undefined;
  const list = useApi(
    () =>
      planId
        ? unwrap<InstructionList>(api.GET('/plans/{planId}/instructions', { params: { path: { planId } } }))
        : Promise.resolve(undefined),
    [planId],
    { refreshMs: 15_000 },
  );
  const l = list.data;
  // In the browser's zone, worded in the screen's language.
  const at = (iso: string) => new Date(iso).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB');
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <Typography.Title level={2}>{tr('领导批示', 'Leaders’ instructions')}</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={tr('整改方案', 'Plan')} htmlFor="instructions-plan">
          <PlanSelect
            id="instructions-plan"
            value={planId}
            onChange={(id) => setParams(id ? { plan: id } : {})}
          />
        </Form.Item>
        {planId && l && may('instruction:issue') && (
          <Form.Item>
            <CommandModal<IssueForm>
              label={tr('记录批示', 'Record an instruction')}
              title={tr('记录领导批示', 'Record a leader’s instruction')}
              buttonProps={{ type: 'primary' }}
              initialValues={{ targetKind: 'measure', issuedOn: today }}
              submit={({ targetCode, answerLimit, ...v }) =>
                unwrap(
                  api.POST('/plans/{planId}/instructions', {
                    params: { path: { planId } },
                    body: {
                      ...v,
                      // A plan-wide instruction names the plan itself.
                      targetCode: v.targetKind === 'plan' ? l.plan : (targetCode ?? ''),
                      ...(answerLimit ? { answerLimit } : {}),
                    } as never,
                  }),
                )
              }
              onDone={list.reload}
            >
              {() => (
                <>
                  <Form.Item name="targetKind" label={tr('批示对象', 'On')} rules={[{ required: true }]}>
                    <Select
                      options={INSTRUCTION_TARGET_KINDS.map((k) => ({
                        value: k,
                        label: tr(...INSTRUCTION_TARGET_TEXT[k]),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name="targetCode"
                    label={tr('问题或措施编号', 'Problem or measure code')}
                    extra={tr('批示整改方案时不填', 'Leave empty for the plan as a whole')}
                  >
                    <Input placeholder="P01-M1" />
                  </Form.Item>
                  <Form.Item name="text" label={tr('批示内容', 'Text')} rules={[{ required: true }]}>
                    <Input.TextArea rows={3} />
                  </Form.Item>
                  <Form.Item name="author" label={tr('批示领导', 'Leader')} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="issuedOn" label={tr('批示日期', 'Dated')} rules={[{ required: true }]}>
                    <Input type="date" max={today} />
                  </Form.Item>
                  <Form.Item
                    name="answerLimit"
                    label={tr('落实时限', 'Time to answer')}
                    extra={tr('ISO 时长，默认 P10D（十日）', 'An ISO duration; P10D (ten days) if empty')}
                  >
                    <Input placeholder="P10D" />
                  </Form.Item>
                </>
              )}
            </CommandModal>
          </Form.Item>
        )}
      </Form>
      <RefusalAlert error={list.error} />
      {l && (
        <Table<Instruction>
          rowKey="id"
          size="small"
          loading={list.loading && !l}
          dataSource={l.items as Instruction[]}
          pagination={l.items.length > 50 ? { pageSize: 50 } : false}
          locale={{ emptyText: tr('尚无批示', 'No instructions yet') }}
          columns={[
            {
              title: tr('批示对象', 'On'),
              key: 'target',
              render: (_: unknown, i) => `${tr(...INSTRUCTION_TARGET_TEXT[i.targetKind])} ${i.targetCode}`,
            },
            { title: tr('批示内容', 'Text'), dataIndex: 'text' },
            {
              title: tr('批示领导', 'Leader'),
              key: 'author',
              render: (_: unknown, i) => `${i.author} · ${i.issuedOn}`,
            },
            {
              title: tr('责任单位', 'Answered by'),
              dataIndex: 'responsibleUnits',
              render: (units: string[]) => (units.length ? units.join('，') : tr('整改办', 'the office')),
            },
            { title: tr('落实时限', 'Answer due'), dataIndex: 'dueAt', render: at },
            {
              title: tr('状态', 'State'),
              dataIndex: 'state',
              render: (s: InstructionState) => (
                <StateTag tone={STATE_TONE[s]}>{tr(...INSTRUCTION_STATE_TEXT[s])}</StateTag>
              ),
            },
            {
              title: tr('落实情况', 'Answers'),
              key: 'answers',
              render: (_: unknown, i) => (
                <Space direction="vertical" size={4}>
                  {i.answers.map((a) => (
                    <div key={a.id} data-testid="instruction-answer">
                      {a.text}
                      <Typography.Text type="secondary">
                        {' '}
                        · {a.unitCode ?? tr('整改办', 'the office')} · {at(a.answeredAt)}
                        {a.late ? ` · ${tr('逾期报送', 'late')}` : ''}
                      </Typography.Text>
                    </div>
                  ))}
                  {i.mayAnswer && (
                    <CommandModal<{ text: string }>
                      label={tr('报送落实情况', 'Answer')}
                      ariaLabel={`${tr('报送落实情况', 'Answer')} ${i.targetCode}`}
                      title={tr('报送批示落实情况', 'Answer the instruction')}
                      buttonProps={{ size: 'small' }}
                      submit={(v) =>
                        unwrap(
                          api.POST('/instructions/{id}/answers', {
                            params: { path: { id: i.id } },
                            body: v as never,
                          }),
                        )
                      }
                      onDone={list.reload}
                    >
                      {() => (
                        <Form.Item
                          name="text"
                          label={tr('落实情况', 'What was done')}
                          rules={[{ required: true }]}
                        >
                          <Input.TextArea rows={3} />
                        </Form.Item>
                      )}
                    </CommandModal>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
