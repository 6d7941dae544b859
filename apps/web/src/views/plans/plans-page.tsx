import { Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { Page, PlanSummary } from '../../api/views';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { UpdatedAt } from '../../common/updated-at';

// The plans the caller may know of; each opens its overview.
export function PlansPage() {
  const { tr } = useI18n();
  const plans = useApi(() => unwrap<Page<PlanSummary>>(api.GET('/plans')), [], { refreshMs: 30_000 });
  return (
    <>
      <Typography.Title level={2}>{tr('整改方案', 'Rectification plans')}</Typography.Title>
      <UpdatedAt at={plans.updatedAt} loading={plans.loading} error={plans.error} onReload={plans.reload} />
      <RefusalAlert error={plans.error} />
      <Table<PlanSummary>
        rowKey="id"
        loading={plans.loading && !plans.data}
        dataSource={plans.data?.items as PlanSummary[] | undefined}
        pagination={false}
        columns={[
          { title: tr('编号', 'Code'), dataIndex: 'code' },
          {
            title: tr('名称', 'Title'),
            dataIndex: 'title',
            render: (title: string, p) => <Link to={`/plans/${p.id}`}>{title}</Link>,
          },
          {
            title: tr('导入时间', 'Imported'),
            dataIndex: 'importedAt',
            render: (t: string) => t.slice(0, 10),
          },
        ]}
      />
    </>
  );
}
