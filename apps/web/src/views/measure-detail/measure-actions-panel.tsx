import { Button, Card, Form, Modal, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiRefusal } from '../../api/client';
import { useSession } from '../../auth/session';
import { RefusalAlert } from '../../common/refusal-alert';
import { useI18n } from '../../i18n/i18n';
import { ACTION_FORMS, type FormContext } from './measure-action-forms';
import {
  ROLE_NAMES,
  SCREEN_COMMANDS,
  type ScreenCommand,
  type Unavailable,
  unavailable,
} from './measure-actions';
import { newIdempotencyKey, postCommand } from './measure-commands';
import type { CommandAnswer } from './measure-detail.api';
import { ACKNOWLEDGEMENT_TEXT, STATUS_TEXT } from '../../common/labels';

const MUTED = { color: '#595959' };

// The commands the signed-in user may take on this measure now, each a button and a form; those
// not available are shown disabled with the reason.
export function MeasureActionsPanel(props: { ctx: FormContext; onDone: (answer: CommandAnswer) => void }) {
  const { tr } = useI18n();
  const { me } = useSession();
  const [open, setOpen] = useState<ScreenCommand | null>(null);
  const { measure, live } = props.ctx;
  if (!me) return null;
  const facts = {
    status: live?.status ?? measure.status,
    track: measure.track,
    extensionRequested: !!live?.extensionRequest,
    withdrawalRequested: !!live?.withdrawalRequest,
    openReferralItems: (live?.referralItems ?? []).filter((i) => !i.outcome).length,
    leadUnitCode: live?.leadUnitCode ?? measure.leadUnit,
    acknowledgement: live?.acknowledgement?.status ?? measure.acknowledgement ?? null,
  };
  // 签收 commands are left out altogether on a measure that needs no 签收.
  const rows = SCREEN_COMMANDS.map((command) => ({
    command,
    why: unavailable(me.principal, command, facts),
  })).filter((r) => r.why?.kind !== 'not_required');
  const reason = (why: Unavailable): string => {
    switch (why.kind) {
      case 'role':
        return tr(
          `只有${why.roles.map((r) => ROLE_NAMES[r][0]).join('、')}可以执行此操作`,
          `only ${why.roles.map((r) => ROLE_NAMES[r][1]).join(', ')} may do this`,
        );
      case 'status':
        return tr(
          `当前状态（${STATUS_TEXT[why.status][0]}）不接受此操作`,
          `not accepted in status ${STATUS_TEXT[why.status][1]}`,
        );
      case 'nothing_pending':
        return why.what === 'extension'
          ? tr('没有待审批的延期申请', 'no extension request is waiting')
          : tr('没有待审批的调出申请', 'no withdrawal request is waiting');
      case 'already_pending':
        return why.what === 'extension'
          ? tr('已有延期申请待审批', 'an extension request is already waiting')
          : tr('已有调出申请待审批', 'a withdrawal request is already waiting');
      case 'track':
        return tr('只有长效机制类措施定期评估', 'only mechanism measures are reviewed');
      case 'no_referral_items':
        return tr('没有待核实的线索', 'no referred item awaits an outcome');
      case 'not_required':
        return '';
      case 'not_lead_unit':
        return tr(
          `只有牵头单位（${why.unit}）本身可以签收或退回`,
          `only the lead unit ${why.unit} itself may do this`,
        );
      case 'acknowledgement':
        return tr(
          `当前签收状态（${ACKNOWLEDGEMENT_TEXT[why.status][0]}）不接受此操作`,
          `not accepted while ${ACKNOWLEDGEMENT_TEXT[why.status][1].toLowerCase()}`,
        );
    }
  };
  const available = rows.filter((r) => !r.why);
  const blocked = rows.filter((r) => r.why);

  return (
    <Card title={tr('可执行的操作', 'Actions')} size="small">
      {available.length === 0 && (
        <Typography.Paragraph>{tr('当前无可执行的操作', 'Nothing to do now')}</Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        {available.map(({ command }) => (
          <Button key={command} type="primary" onClick={() => setOpen(command)}>
            {tr(...ACTION_FORMS[command].label)}
          </Button>
        ))}
      </Space>
      {blocked.length > 0 && (
        <>
          <Typography.Title level={5}>{tr('不可执行的操作', 'Not available')}</Typography.Title>
          <ul style={{ paddingLeft: 0, listStyle: 'none', margin: 0 }}>
            {blocked.map(({ command, why }) => {
              const text = reason(why!);
              return (
                <li key={command} style={{ marginBottom: 6 }}>
                  <Tooltip title={text}>
                    <Button size="small" disabled aria-describedby={`why-${command}`}>
                      {tr(...ACTION_FORMS[command].label)}
                    </Button>
                  </Tooltip>{' '}
                  <Typography.Text id={`why-${command}`} style={MUTED}>
                    {text}
                  </Typography.Text>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {open && (
        <ActionModal
          command={open}
          ctx={props.ctx}
          onClose={() => setOpen(null)}
          onDone={(answer) => {
            setOpen(null);
            props.onDone(answer);
          }}
        />
      )}
    </Card>
  );
}

function ActionModal(props: {
  command: ScreenCommand;
  ctx: FormContext;
  onClose: () => void;
  onDone: (answer: CommandAnswer) => void;
}) {
  const { tr } = useI18n();
  const def = ACTION_FORMS[props.command];
  const [form] = Form.useForm();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  // One key per command as the user means it: kept when the answer was lost (a retry is the same
  // command), renewed once the API has answered (a corrected form is a new command).
  const [key, setKey] = useState(newIdempotencyKey);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const answer = await postCommand(def.path, props.ctx.measure.id, def.body(values, props.ctx), key);
      props.onDone(answer);
    } catch (e) {
      if (e instanceof ApiRefusal) setKey(newIdempotencyKey());
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={tr(...def.label)}
      okText={tr('提交', 'Submit')}
      cancelText={tr('取消', 'Cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={props.onClose}
      destroyOnHidden
      width={640}
    >
      <RefusalAlert error={error} />
      <Form form={form} layout="vertical" initialValues={def.initial?.(props.ctx)}>
        {def.fields(props.ctx)}
      </Form>
    </Modal>
  );
}
