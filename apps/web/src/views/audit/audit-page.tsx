import { Alert, Button, Descriptions, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { StateTag } from '../../common/state-tag';
import type { AuditRow, AuditVerdict } from './audit.api';

// 审计日志: the keyed hash chain of every command and sensitive read, newest first, paged by the
// API's cursor (`before` = a seq), and its verification. Reading the log is itself recorded, so the
// page loads on demand rather than polling.
export function AuditPage() {
  const { tr } = useI18n();
  const [limit, setLimit] = useState(50);
  // Cursors of the pages before this one, to step back towards the newest rows.
  const [cursors, setCursors] = useState<(number | undefined)[]>([]);
  const [before, setBefore] = useState<number>();
  const log = useApi(
    () =>
      unwrap<{ items: AuditRow[] }>(
        api.GET('/audit', { params: { query: before === undefined ? { limit } : { limit, before } } }),
      ),
    [limit, before],
  );
  const items = log.data?.items ?? [];
  const oldest = items.length ? items[items.length - 1].seq : undefined;

  const jump = (to: number | undefined) => {
    setCursors([]);
    setBefore(to);
  };

  return (
    <>
      <Typography.Title level={2}>{tr('审计日志', 'Audit log')}</Typography.Title>
      <ChainVerification />
      <Form
        layout="inline"
        style={{ marginBottom: 16 }}
        onFinish={(v: { seq?: number | null }) => jump(v.seq ? v.seq + 1 : undefined)}
      >
        <Form.Item name="seq" label={tr('自序号（含）往前', 'From seq (inclusive) back')}>
          <InputNumber min={1} />
        </Form.Item>
        <Form.Item label={tr('每页行数', 'Rows per page')}>
          <Select
            aria-label={tr('每页行数', 'Rows per page')}
            style={{ width: 100 }}
            value={limit}
            onChange={(v) => {
              setLimit(v);
              jump(undefined);
            }}
            options={[20, 50, 100, 200, 500].map((n) => ({ value: n, label: n }))}
          />
        </Form.Item>
        <Space>
          <Button htmlType="submit">{tr('查询', 'Go')}</Button>
          <Button onClick={() => (before === undefined ? log.reload() : jump(undefined))}>
            {tr('最新', 'Newest')}
          </Button>
        </Space>
      </Form>
      <RefusalAlert error={log.error} />
      <Table<AuditRow>
        rowKey="seq"
        size="small"
        loading={log.loading}
        dataSource={items}
        pagination={false}
        expandable={{ expandedRowRender: (r) => <RowDetail row={r} /> }}
        columns={[
          { title: tr('序号', 'Seq'), dataIndex: 'seq' },
          {
            title: tr('时间', 'When'),
            dataIndex: 'occurredAt',
            render: (t: string) => t.replace('T', ' ').slice(0, 19),
          },
          {
            title: tr('主体', 'Who'),
            key: 'principal',
            render: (_: unknown, r) =>
              `${r.principal.role} · ${r.principal.kind} ${r.principal.id.slice(0, 8)}`,
          },
          { title: tr('权限', 'Action'), dataIndex: 'action' },
          {
            title: tr('请求', 'Request'),
            key: 'request',
            render: (_: unknown, r) => `${r.method} ${r.path}`,
          },
          {
            title: tr('结果', 'Outcome'),
            dataIndex: 'status',
            render: (s: number | null, r) =>
              s === null ? (
                <Tag>{tr('意图', 'Intent')}</Tag>
              ) : (
                <Space size={4}>
                  <StateTag tone={s < 400 ? 'green' : s < 500 ? 'orange' : 'red'}>{s}</StateTag>
                  {r.intentSeq !== null && (
                    <Typography.Text type="secondary">
                      {tr('意图', 'intent')} #{r.intentSeq}
                    </Typography.Text>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button
          disabled={!cursors.length}
          onClick={() => {
            setBefore(cursors[cursors.length - 1]);
            setCursors(cursors.slice(0, -1));
          }}
        >
          {tr('较新', 'Newer')}
        </Button>
        <Button
          disabled={oldest === undefined || oldest <= 1 || items.length < limit}
          onClick={() => {
            setCursors([...cursors, before]);
            setBefore(oldest);
          }}
        >
          {tr('较早', 'Older')}
        </Button>
      </Space>
    </>
  );
}

function RowDetail({ row }: { row: AuditRow }) {
  const { tr } = useI18n();
  const json = (v: unknown) =>
    v === null ? '—' : <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(v, null, 2)}</pre>;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        {
          label: tr('主体', 'Principal'),
          children: `${row.principal.kind} ${row.principal.id} (${row.principal.role})`,
        },
        { label: tr('对象', 'Targets'), children: json(row.targets) },
        { label: tr('来源', 'From'), children: `${row.ip ?? '—'} · ${row.userAgent ?? '—'}` },
        { label: tr('变更前', 'Before'), children: json(row.before) },
        { label: tr('变更后', 'After'), children: json(row.after) },
        { label: tr('哈希', 'Hash'), children: <code>{row.hash}</code> },
        { label: tr('前一哈希', 'Previous hash'), children: <code>{row.prevHash}</code> },
        { label: tr('密钥', 'Key'), children: row.keyId ?? tr('无（早于密钥）', 'none (before keys)') },
      ]}
    />
  );
}

// GET /audit/verify walks the whole chain and the anchors: intact up to the head, or the first
// break and why.
function ChainVerification() {
  const { tr } = useI18n();
  const [verdict, setVerdict] = useState<AuditVerdict>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  return (
    <div style={{ marginBottom: 16 }}>
      <Button
        type="primary"
        loading={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            setVerdict(await unwrap<AuditVerdict>(api.GET('/audit/verify')));
          } catch (e) {
            setVerdict(undefined);
            setError(e as Error);
          } finally {
            setBusy(false);
          }
        }}
      >
        {tr('校验哈希链', 'Verify the chain')}
      </Button>
      <div style={{ marginTop: 12 }}>
        <RefusalAlert error={error} />
        {verdict && (
          <Alert
            data-testid="audit-verdict"
            role="status"
            showIcon
            type={verdict.ok ? 'success' : 'error'}
            message={
              verdict.ok
                ? tr(`链完整：${verdict.rows} 行`, `Chain intact: ${verdict.rows} rows`)
                : tr(
                    `链已断开：自第 1 行起 ${verdict.rows} 行完好`,
                    `Chain broken: ${verdict.rows} rows intact from the first`,
                  )
            }
            description={
              <Space direction="vertical" size={2}>
                <Typography.Text>
                  {tr('头哈希', 'Head hash')} <code>{verdict.headHash}</code>
                </Typography.Text>
                <Typography.Text>
                  {verdict.lastAnchor
                    ? tr(
                        `最近锚点：第 ${verdict.lastAnchor.seq} 行，${verdict.lastAnchor.at}`,
                        `Last anchor: row ${verdict.lastAnchor.seq}, ${verdict.lastAnchor.at}`,
                      )
                    : tr('尚无锚点', 'No anchor yet')}
                </Typography.Text>
                {verdict.problems.map((p, i) => (
                  <Typography.Text key={i} type="danger">
                    {p.seq !== null ? `#${p.seq}: ` : ''}
                    {p.reason}
                  </Typography.Text>
                ))}
              </Space>
            }
          />
        )}
      </div>
    </div>
  );
}
