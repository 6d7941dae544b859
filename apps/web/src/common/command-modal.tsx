import { Button, Form, FormInstance, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { ReactNode, useState } from 'react';
import { RefusalAlert } from './refusal-alert';
import { useI18n } from '../i18n/i18n';

// A command the API may refuse: a button opens its form; the API's refusal (code and message) is
// shown in the form as the API worded it, and nothing is assumed done until the API answers.
export function CommandModal<V extends object>(props: {
  label: string;
  title: string;
  // Extends the button's accessible name where several buttons share a label (one per row).
  ariaLabel?: string;
  buttonProps?: ButtonProps;
  initialValues?: Partial<V>;
  children: (form: FormInstance<V>) => ReactNode;
  submit: (values: V) => Promise<unknown>;
  onDone: () => void;
}) {
  const { tr } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [form] = Form.useForm<V>();

  const close = () => {
    setOpen(false);
    setError(undefined);
    form.resetFields();
  };

  return (
    <>
      <Button {...props.buttonProps} aria-label={props.ariaLabel} onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      <Modal
        open={open}
        title={props.title}
        okText={tr('提交', 'Submit')}
        cancelText={tr('取消', 'Cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={close}
        destroyOnHidden
      >
        <RefusalAlert error={error} />
        <Form<V>
          form={form}
          layout="vertical"
          initialValues={props.initialValues}
          onFinish={async (values) => {
            setBusy(true);
            setError(undefined);
            try {
              await props.submit(values);
              close();
              props.onDone();
            } catch (e) {
              setError(e instanceof Error ? e : new Error(String(e)));
            } finally {
              setBusy(false);
            }
          }}
        >
          {props.children(form)}
        </Form>
      </Modal>
    </>
  );
}

// A command without a form (conclude a case): its refusal is shown beside the button.
export function CommandButton(props: {
  label: string;
  buttonProps?: ButtonProps;
  run: () => Promise<unknown>;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  return (
    <>
      <RefusalAlert error={error} />
      <Button
        {...props.buttonProps}
        loading={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            await props.run();
            props.onDone();
          } catch (e) {
            setError(e instanceof Error ? e : new Error(String(e)));
          } finally {
            setBusy(false);
          }
        }}
      >
        {props.label}
      </Button>
    </>
  );
}
