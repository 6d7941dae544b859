import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Progress,
  Result,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ErrorDetail } from '../../../../../libs/domain/src/domain-error';
import type { FieldChange, PlanDiff } from '../../../../../libs/domain/src/plan-diff';
import { useSession } from '../../auth/session';
import { downloadFile } from '../../common/download';
import { RefusalAlert } from '../../common/refusal-alert';
import { useI18n } from '../../i18n/i18n';
import {
  DeadlineReading,
  formatOfFileName,
  importPlan,
  ImportProgress,
  ImportResult,
  PlanFile,
  problemsOf,
} from './plan-import.api';

type Tr = (zh: string, en: string) => string;

// Ant Design's grey labels fall short of 4.5:1 on white; this grey keeps 7:1.
const LABEL = { label: { color: '#595959' } };

// The office brings in a plan file: a dry run first (what would change, how each Chinese deadline
// was read, what is wrong and where), then the import, with the withdrawal of measures the new
// file leaves out asked for explicitly.
export function PlanImportPage() {
  const { tr } = useI18n();
  const { may } = useSession();
  const [file, setFile] = useState<PlanFile>();
  const [withdrawRemoved, setWithdrawRemoved] = useState(false);
  const [dryRun, setDryRun] = useState<ImportResult>();
  const [applied, setApplied] = useState<ImportResult>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState<'dry-run' | 'apply'>();
  const [progress, setProgress] = useState<ImportProgress>();

  if (!may('plan:import'))
    return <Result status="403" title={tr('无权导入整改方案', 'You may not import plans')} />;

  const check = async (f: PlanFile, withdraw: boolean) => {
    setBusy('dry-run');
    setError(undefined);
    setDryRun(undefined);
    setApplied(undefined);
    try {
      setDryRun(await importPlan(f, { dryRun: true, withdrawRemoved: withdraw }));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(undefined);
    }
  };

  const apply = async () => {
    if (!file) return;
    setBusy('apply');
    setError(undefined);
    setProgress(undefined);
    try {
      setApplied(await importPlan(file, { dryRun: false, withdrawRemoved }, setProgress));
      setDryRun(undefined);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(undefined);
    }
  };

  const problems = problemsOf(error);
  return (
    <>
      <Typography.Title level={2}>{tr('导入整改方案', 'Import a plan')}</Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text>
          {tr(
            '上传 JSON、YAML 或 XLSX 格式的方案文件：先试导入查看变化，确认后再导入。',
            'Upload a JSON, YAML or XLSX plan file: a dry run shows what would change; then import it.',
          )}
        </Typography.Text>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            downloadFile('/plans/template.xlsx', 'plan-template.xlsx').catch((e: Error) => setError(e))
          }
        >
          {tr('下载 XLSX 模板', 'Download the XLSX template')}
        </Button>
      </Space>
      <Upload.Dragger
        accept=".json,.yaml,.yml,.xlsx"
        multiple={false}
        showUploadList={false}
        disabled={busy !== undefined}
        beforeUpload={(chosen) => {
          const format = formatOfFileName(chosen.name);
          if (!format) {
            setError(
              new Error(
                tr(
                  `无法识别 ${chosen.name}：请上传 .json、.yaml 或 .xlsx 文件`,
                  `${chosen.name}: upload a .json, .yaml or .xlsx file`,
                ),
              ),
            );
            return Upload.LIST_IGNORE;
          }
          void chosen.arrayBuffer().then((bytes) => {
            const f = { name: chosen.name, format, bytes };
            setFile(f);
            void check(f, withdrawRemoved);
          });
          // Read here and sent by the screen, not by the Upload's own request.
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">
          {tr('点击或拖入方案文件（JSON / YAML / XLSX）', 'Click or drop a plan file (JSON / YAML / XLSX)')}
        </p>
      </Upload.Dragger>
      <Space style={{ margin: '16px 0' }} wrap>
        {file && (
          <Typography.Text data-testid="chosen-file">
            {tr('文件', 'File')}: {file.name}
          </Typography.Text>
        )}
        <Checkbox
          checked={withdrawRemoved}
          disabled={busy !== undefined}
          onChange={(e) => {
            setWithdrawRemoved(e.target.checked);
            if (file) void check(file, e.target.checked);
          }}
        >
          {tr(
            '调出新文件中没有的措施（withdrawRemoved）',
            'Withdraw the measures the new file leaves out (withdrawRemoved)',
          )}
        </Checkbox>
      </Space>

      {busy === 'dry-run' && <Progress percent={100} status="active" showInfo={false} />}
      <RefusalAlert error={error} />
      {problems.length > 0 && (
        <ProblemTable
          title={tr(
            `文件有 ${problems.length} 处问题，未导入任何内容`,
            `${problems.length} problem(s); nothing was imported`,
          )}
          problems={problems}
        />
      )}

      {applied && <Applied result={applied} />}
      {dryRun && (
        <DryRun
          result={dryRun}
          applying={busy === 'apply'}
          progress={progress}
          onApply={() => void apply()}
        />
      )}
    </>
  );
}

function Applied({ result }: { result: ImportResult }) {
  const { tr } = useI18n();
  const started = result.workflows?.started.running ?? 0;
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      style={{ marginBottom: 16 }}
      message={`${tr('已导入', 'Imported')} ${result.planCode}: ${outcomeLabel(result.outcome, tr)}`}
      description={
        <Space direction="vertical">
          <span>
            {tr(
              `共 ${result.measures} 项措施，${started} 项在跟踪；时限变动 ${result.workflows?.deadlinesChanged ?? 0} 项，调出 ${result.workflows?.withdrawn ?? 0} 项。`,
              `${result.measures} measures, ${started} followed; ${result.workflows?.deadlinesChanged ?? 0} deadline(s) moved, ${result.workflows?.withdrawn ?? 0} withdrawn.`,
            )}
          </span>
          <Link to="/">{tr('查看整改方案列表', 'See the plans')}</Link>
        </Space>
      }
    />
  );
}

function DryRun(props: {
  result: ImportResult;
  applying: boolean;
  progress: ImportProgress | undefined;
  onApply: () => void;
}) {
  const { tr } = useI18n();
  const r = props.result;
  const refuse = r.wouldRefuse ?? null;
  return (
    <Card
      title={tr('试导入结果（尚未写入）', 'Dry run (nothing written yet)')}
      style={{ marginBottom: 16 }}
      extra={
        <Button type="primary" disabled={refuse !== null} loading={props.applying} onClick={props.onApply}>
          {tr('确认导入', 'Import')}
        </Button>
      }
    >
      {props.applying && props.progress && (
        <Progress
          aria-label={tr('启动措施跟踪', 'Starting the measures')}
          percent={Math.round((100 * props.progress.done) / Math.max(1, props.progress.total))}
          format={() => `${props.progress?.done}/${props.progress?.total}`}
        />
      )}
      <Descriptions styles={LABEL} size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={tr('方案编号', 'Plan code')}>{r.planCode}</Descriptions.Item>
        <Descriptions.Item label={tr('结果', 'Outcome')}>
          {r.diff === null ? tr('新方案', 'a new plan') : diffSummary(r.diff, tr)}
        </Descriptions.Item>
        <Descriptions.Item label={tr('措施数', 'Measures')}>{r.measures}</Descriptions.Item>
      </Descriptions>
      {refuse && (
        <>
          <Alert
            type="warning"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            message={`${tr('按此导入将被拒绝', 'Importing this would be refused')} (${refuse.code})`}
            description={refuse.message}
          />
          {refuse.details.length > 0 && (
            <ProblemTable title={tr('涉及的措施', 'Measures concerned')} problems={refuse.details} />
          )}
        </>
      )}
      {r.diff && <DiffView diff={r.diff} />}
      <Typography.Title level={4}>{tr('时限解读', 'How the deadlines were read')}</Typography.Title>
      <DeadlineTable readings={r.deadlines} />
      {r.warnings.length > 0 && <ProblemTable title={tr('提示', 'Warnings')} problems={r.warnings} />}
    </Card>
  );
}

function DiffView({ diff }: { diff: PlanDiff }) {
  const { tr } = useI18n();
  const m = diff.measures;
  const changes = m.changed.flatMap((c) =>
    c.changes.map((f, i) => ({ key: `${c.code}:${i}`, code: c.code, ...f })),
  );
  return (
    <>
      <Typography.Title level={4}>
        {tr('与现行方案相比', 'Against the plan as last applied')}
      </Typography.Title>
      <Descriptions styles={LABEL} size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={tr('新增措施', 'Added measures')}>
          <CodeTags codes={m.added} none={tr('无', 'none')} />
        </Descriptions.Item>
        <Descriptions.Item label={tr('将调出的措施', 'Measures to withdraw')}>
          <CodeTags codes={m.removed} none={tr('无', 'none')} />
        </Descriptions.Item>
        <Descriptions.Item label={tr('变更的措施', 'Changed measures')}>
          <CodeTags codes={m.changed.map((c) => c.code)} none={tr('无', 'none')} />
        </Descriptions.Item>
        {diff.plan.length > 0 && (
          <Descriptions.Item label={tr('方案信息变更', 'Plan fields changed')}>
            {diff.plan.map((f) => `${f.field}: ${shown(f.before)} → ${shown(f.after)}`).join('; ')}
          </Descriptions.Item>
        )}
      </Descriptions>
      {changes.length > 0 && (
        <Table
          size="small"
          rowKey="key"
          pagination={changes.length > 20 ? { pageSize: 20 } : false}
          style={{ marginBottom: 16 }}
          aria-label={tr('措施变更明细', 'Measure changes')}
          dataSource={changes}
          columns={[
            { title: tr('措施编号', 'Measure'), dataIndex: 'code' },
            { title: tr('字段', 'Field'), dataIndex: 'field' },
            {
              title: tr('原为', 'Before'),
              dataIndex: 'before',
              render: (v: FieldChange['before']) => shown(v),
            },
            { title: tr('改为', 'After'), dataIndex: 'after', render: (v: FieldChange['after']) => shown(v) },
          ]}
        />
      )}
      {diff.deadlines.length > 0 && (
        <Table
          size="small"
          rowKey="measureCode"
          pagination={false}
          style={{ marginBottom: 16 }}
          aria-label={tr('时限变动', 'Deadlines moved')}
          dataSource={diff.deadlines as PlanDiff['deadlines'][number][]}
          columns={[
            { title: tr('措施编号', 'Measure'), dataIndex: 'measureCode' },
            {
              title: tr('原时限', 'Deadline before'),
              render: (_, d) => `${d.before.written} (${d.before.dueAt})`,
            },
            {
              title: tr('新时限', 'Deadline after'),
              render: (_, d) => `${d.after.written} (${d.after.dueAt})`,
            },
          ]}
        />
      )}
    </>
  );
}

function DeadlineTable({ readings }: { readings: readonly DeadlineReading[] }) {
  const { tr } = useI18n();
  return (
    <Table<DeadlineReading>
      size="small"
      rowKey="path"
      style={{ marginBottom: 16 }}
      aria-label={tr('时限解读', 'How the deadlines were read')}
      pagination={readings.length > 50 ? { pageSize: 50 } : false}
      locale={{ emptyText: tr('没有需要解读的中文时限', 'No Chinese deadlines to read') }}
      dataSource={readings as DeadlineReading[]}
      columns={[
        { title: tr('措施编号', 'Measure'), dataIndex: 'measureCode' },
        { title: tr('阶段目标', 'Milestone'), dataIndex: 'milestoneCode', render: (v?: string) => v ?? '—' },
        { title: tr('原文', 'As written'), dataIndex: 'written' },
        { title: tr('解读为', 'Read as'), dataIndex: 'date' },
        { title: tr('说明', 'Explanation'), dataIndex: 'explanation' },
        { title: tr('位置', 'Where'), dataIndex: 'location', render: (v?: string) => v ?? '—' },
      ]}
    />
  );
}

function ProblemTable({ title, problems }: { title: string; problems: readonly ErrorDetail[] }) {
  const { tr } = useI18n();
  return (
    <Table<ErrorDetail & { key: number }>
      size="small"
      title={() => <Typography.Text strong>{title}</Typography.Text>}
      rowKey="key"
      style={{ marginBottom: 16 }}
      aria-label={title}
      pagination={problems.length > 50 ? { pageSize: 50 } : false}
      dataSource={problems.map((p, key) => ({ ...p, key }))}
      columns={[
        { title: tr('位置', 'Where'), dataIndex: 'location', render: (v?: string) => v ?? '—' },
        { title: tr('字段', 'Path'), dataIndex: 'path' },
        { title: tr('问题', 'Problem'), dataIndex: 'message' },
      ]}
    />
  );
}

function CodeTags(props: { codes: readonly string[]; none: string }) {
  if (!props.codes.length) return <>{props.none}</>;
  return (
    <>
      {props.codes.map((c) => (
        <Tag key={c}>{c}</Tag>
      ))}
    </>
  );
}

function diffSummary(d: PlanDiff, tr: Tr): string {
  const m = d.measures;
  const sets = [d.units, d.categories, d.aspects, d.problems, d.measures];
  if (!d.plan.length && sets.every((x) => !x.added.length && !x.removed.length && !x.changed.length))
    return tr('与现行方案相同', 'the same as the plan in force');
  return tr(
    `变更：新增 ${m.added.length}，调出 ${m.removed.length}，修改 ${m.changed.length}`,
    `a change: ${m.added.length} added, ${m.removed.length} withdrawn, ${m.changed.length} changed`,
  );
}

function outcomeLabel(o: ImportResult['outcome'], tr: Tr): string {
  return {
    created: tr('新建', 'created'),
    updated: tr('已更新', 'updated'),
    unchanged: tr('无变化', 'unchanged'),
    dry_run: tr('试导入', 'dry run'),
  }[o];
}

function shown(v: unknown): string {
  if (v === undefined || v === null) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
