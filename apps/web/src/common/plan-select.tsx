import { Select } from 'antd';
import { api, unwrap } from '../api/client';
import type { Page, PlanSummary } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { useApi } from './use-api';

// The plans the caller may know of, to choose one (by id).
export function PlanSelect(props: {
  value: string | undefined;
  onChange: (planId: string | undefined) => void;
  allowClear?: boolean;
  id?: string;
}) {
  const { tr } = useI18n();
  const plans = useApi(() => unwrap<Page<PlanSummary>>(api.GET('/plans')), []);
  return (
    <Select
      id={props.id}
      aria-label={tr('整改方案', 'Plan')}
      style={{ minWidth: 280 }}
      placeholder={tr('选择整改方案', 'Choose a plan')}
      allowClear={props.allowClear}
      loading={plans.loading}
      value={props.value}
      onChange={(v) => props.onChange(v ?? undefined)}
      options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))}
    />
  );
}
