import { Alert } from 'antd';
import { ApiRefusal } from '../api/client';
import { useI18n } from '../i18n/i18n';

// An API refusal as the API worded it, with its code: the user sees why, not just "failed".
export function RefusalAlert({ error }: { error: Error | undefined }) {
  const { tr } = useI18n();
  if (!error) return null;
  const refusal = error instanceof ApiRefusal ? error : null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={
        refusal
          ? `${tr('未能完成', 'Refused')} (${refusal.status} ${refusal.error.code})`
          : tr('出错了', 'Error')
      }
      description={refusal ? refusal.error.message : error.message}
      style={{ marginBottom: 16 }}
    />
  );
}
