import { Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { unwrap } from '../../api/client';
import { RefusalAlert } from '../../common/refusal-alert';
import { UpdatedAt } from '../../common/updated-at';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { publicApi, type PublishedPlan, type PublishedPlans } from './public.api';

const PAGE_SIZE = 20;

// The plans the office published (公开), latest first; each opens its public bulletin.
export function PublicBulletinsPage() {
  const { tr } = useI18n();
  const [page, setPage] = useState(1);
  const plans = useApi(
    () =>
      unwrap<PublishedPlans>(
        publicApi.GET('/public/plans', {
          params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
        }),
      ),
    [page],
    // The public reads count against a per-address limit: a slow refresh is enough for bulletins.
    { refreshMs: 5 * 60_000 },
  );
  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} align="baseline">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {tr('整改进展公开通报', 'Public progress bulletins')}
        </Typography.Title>
        <UpdatedAt at={plans.updatedAt} loading={plans.loading} error={plans.error} onReload={plans.reload} />
      </Space>
      <RefusalAlert error={plans.error} />
      <Table<PublishedPlan>
        rowKey="id"
        loading={plans.loading && !plans.data}
        dataSource={plans.data?.items as PublishedPlan[] | undefined}
        locale={{ emptyText: tr('暂无公开的通报', 'No bulletin published yet') }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: plans.data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          {
            title: tr('整改方案', 'Plan'),
            dataIndex: 'title',
            render: (title: string, p) => <Link to={`/public/bulletins/${p.id}`}>{title}</Link>,
          },
          { title: tr('编号', 'Code'), dataIndex: 'code' },
          { title: tr('数据截至', 'As of'), dataIndex: 'publishedAsOf' },
          {
            title: tr('发布时间', 'Published'),
            dataIndex: 'publishedAt',
            render: (t: string) => new Date(t).toLocaleString(),
          },
        ]}
      />
    </>
  );
}
