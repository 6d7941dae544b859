import { Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { StateTag } from '../../common/state-tag';
import type { SpotRoundSummary } from './spot-inspections.api';

// 暗访督查: the rounds, each opening its groups, places, findings, notices and figures.
export function SpotRoundsPage() {
  const { tr } = useI18n();
  const rounds = useApi(() => unwrap<{ items: SpotRoundSummary[] }>(api.GET('/spot-rounds')), [], {
    refreshMs: 60_000,
  });
  return (
    <>
      <Typography.Title level={2}>{tr('抽查暗访', 'Spot inspections')}</Typography.Title>
      <RefusalAlert error={rounds.error} />
      <Table<SpotRoundSummary>
        rowKey="code"
        loading={rounds.loading && !rounds.data}
        dataSource={rounds.data?.items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          {
            title: tr('轮次', 'Round'),
            dataIndex: 'code',
            render: (code: string) => (
              <Link to={`/spot-inspections/${encodeURIComponent(code)}`}>{code}</Link>
            ),
          },
          { title: tr('名称', 'Title'), dataIndex: 'title' },
          { title: tr('组织单位', 'Organiser'), dataIndex: 'organiser' },
          {
            title: tr('时间', 'Dates'),
            key: 'dates',
            render: (_: unknown, r) => `${r.startsOn} — ${r.endsOn}`,
          },
          {
            title: tr('点位', 'Places'),
            dataIndex: 'sampled',
            render: (s: boolean) =>
              s ? <StateTag tone="blue">{tr('随机抽取', 'Drawn')}</StateTag> : tr('指定', 'Named'),
          },
        ]}
      />
    </>
  );
}
