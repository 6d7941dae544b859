import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Popconfirm,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ErrorDetail } from '../../../../../libs/domain/src/domain-error';
import type { Track } from '../../../../../libs/domain/src/track';
import { ApiRefusal } from '../../api/client';
import { useSession } from '../../auth/session';
import { CONFIDENCE_TONE, confidenceLabel, trackLabel } from '../../common/labels';
import { StateTag } from '../../common/state-tag';
import { RefusalAlert } from '../../common/refusal-alert';
import { useI18n } from '../../i18n/i18n';
import type {
  DeclaredTotal,
  DocumentParagraph,
  DraftFieldSource,
} from '../../../../../libs/domain/src/plan-draft-sources';
import {
  ApplyResult,
  applyDraft,
  deleteDraft,
  DraftMeasure,
  getDraft,
  patchDraft,
  PlanDraftView,
  pointerOf,
} from './plan-drafts.api';

type Tr = (zh: string, en: string) => string;

// Ant Design's grey labels fall short of 4.5:1 on white; this grey keeps 7:1.
const LABEL = { label: { color: '#595959' } };

interface Review {
  readonly fields: ReadonlyMap<string, DraftFieldSource>;
  readonly doubtful: ReadonlySet<string>;
  readonly edited: ReadonlySet<string>;
  readonly editable: boolean;
  readonly selected: string | undefined;
  readonly select: (path: string) => void;
  readonly edit: (path: string, value: string) => void;
}

// One draft under review: the document on the left, the drafted plan on the right. Selecting a
// field shows where in the document it was read; editing it sends a JSON Patch; applying goes
// through the normal import, a dry run first.
export function PlanDraftPage() {
  const { id = '' } = useParams();
  const { tr } = useI18n();
  const { may } = useSession();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<PlanDraftView>();
  const [paragraphs, setParagraphs] = useState<readonly DocumentParagraph[]>([]);
  const [selected, setSelected] = useState<string>();
  const [error, setError] = useState<Error>();
  const [saved, setSaved] = useState<string>();
  const [dryRun, setDryRun] = useState<ApplyResult>();
  const [applied, setApplied] = useState<ApplyResult>();
  const [busy, setBusy] = useState(false);
  const allowed = may('plan:import');

  useEffect(() => {
    if (!allowed) return;
    getDraft(id).then(
      (d) => {
        setDraft(d);
        setParagraphs(d.paragraphs ?? []);
      },
      (e: Error) => setError(e),
    );
  }, [id, allowed]);

  const fields = useMemo(() => new Map(draft?.fields.map((f) => [f.path, f])), [draft]);
  const source = selected ? fields.get(selected) : undefined;

  useEffect(() => {
    if (source?.paragraph == null) return;
    document
      .getElementById(`draft-paragraph-${source.paragraph}`)
      ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [source]);

  if (!allowed) return <Result status="403" title={tr('无权起草整改方案', 'You may not draft plans')} />;

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      await step();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const edit = (path: string, value: string) =>
    void run(async () => {
      const next = await patchDraft(id, [{ op: 'replace', path: pointerOf(path), value }]);
      setDraft(next);
      setDryRun(undefined);
      setSaved(tr(`已保存 ${path}`, `Saved ${path}`));
    });

  if (!draft)
    return (
      <>
        <Typography.Title level={2}>{tr('方案草稿', 'Plan draft')}</Typography.Title>
        <RefusalAlert error={error} />
        {!error && <Spin />}
      </>
    );

  const review: Review = {
    fields,
    doubtful: new Set(draft.doubtful.map((f) => f.path)),
    edited: new Set(draft.edited),
    editable: draft.status === 'draft',
    selected,
    select: setSelected,
    edit,
  };
  const incomplete = error instanceof ApiRefusal && error.error.code === 'PLAN_DRAFT_INCOMPLETE';
  const header = draft.plan.plan;

  return (
    <>
      <Typography.Title level={2}>
        {tr('方案草稿', 'Plan draft')}: {draft.fileName ?? draft.id}
      </Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <Link to="/plans/drafts">{tr('全部草稿', 'All drafts')}</Link>
        {draft.status === 'applied' ? (
          <StateTag tone="green">{tr('已导入', 'Applied')}</StateTag>
        ) : (
          <Tag>{tr('草稿', 'Draft')}</Tag>
        )}
        {draft.status === 'draft' && (
          <Popconfirm
            title={tr('删除这份草稿？', 'Delete this draft?')}
            onConfirm={() =>
              void run(async () => {
                await deleteDraft(id);
                navigate('/plans/drafts');
              })
            }
          >
            <Button disabled={busy}>{tr('删除草稿', 'Delete the draft')}</Button>
          </Popconfirm>
        )}
      </Space>
      <RefusalAlert error={error} />
      {incomplete && <PathList review={review} details={problemDetails(error)} tr={tr} />}
      {saved && <Alert type="success" showIcon role="status" message={saved} style={{ marginBottom: 16 }} />}
      {applied && (
        <Alert
          type="success"
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          message={`${tr('已导入', 'Imported')} ${applied.import.planCode}`}
          description={
            <Link to={`/plans/${applied.import.planId}`}>
              {tr(
                `查看整改方案（${applied.import.measures} 项措施）`,
                `See the plan (${applied.import.measures} measures)`,
              )}
            </Link>
          }
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <DocumentPane paragraphs={paragraphs} source={source} tr={tr} />
        </Col>
        <Col xs={24} lg={14}>
          <Card title={tr('方案', 'Plan')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions styles={LABEL} size="small" column={1} bordered>
              {Object.entries(header).map(([k, v]) =>
                typeof v === 'string' ? (
                  <Descriptions.Item key={k} label={k}>
                    <Field review={review} path={`plan.${k}`} value={v} tr={tr} />
                  </Descriptions.Item>
                ) : null,
              )}
              {Object.entries(draft.plan.inspection ?? {}).map(([k, v]) =>
                typeof v === 'string' ? (
                  <Descriptions.Item key={k} label={`inspection.${k}`}>
                    <Field review={review} path={`inspection.${k}`} value={v} tr={tr} />
                  </Descriptions.Item>
                ) : null,
              )}
            </Descriptions>
          </Card>
          <Totals draft={draft} tr={tr} />
          <Tree draft={draft} review={review} tr={tr} />
          {draft.problems.length > 0 && (
            <PathList
              review={review}
              details={draft.problems}
              title={tr('校验问题', 'Validation problems')}
              tr={tr}
            />
          )}
          {draft.status === 'draft' && (
            <Card
              title={tr('导入', 'Apply')}
              size="small"
              extra={
                <Space>
                  <Button
                    disabled={busy}
                    onClick={() =>
                      void run(async () => {
                        setDryRun(undefined);
                        setDryRun(await applyDraft(id, true));
                      })
                    }
                  >
                    {tr('试导入', 'Dry run')}
                  </Button>
                  <Button
                    type="primary"
                    disabled={busy || !dryRun || !!dryRun.import.wouldRefuse}
                    onClick={() =>
                      void run(async () => {
                        const done = await applyDraft(id, false);
                        setApplied(done);
                        setDryRun(undefined);
                        setDraft(done.draft);
                      })
                    }
                  >
                    {tr('确认导入', 'Apply')}
                  </Button>
                </Space>
              }
            >
              {dryRun ? (
                <DryRunSummary result={dryRun} tr={tr} />
              ) : (
                <Typography.Text>
                  {tr('先试导入，查看将导入的内容。', 'Dry-run first to see what would be imported.')}
                </Typography.Text>
              )}
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}

function DocumentPane(props: {
  paragraphs: readonly DocumentParagraph[];
  source: DraftFieldSource | undefined;
  tr: Tr;
}) {
  const { source, tr } = props;
  return (
    <Card title={tr('原文', 'The document')} size="small" style={{ marginBottom: 16 }}>
      <div
        role="region"
        aria-label={tr('原文段落', 'The document’s paragraphs')}
        tabIndex={0}
        style={{ maxHeight: '75vh', overflowY: 'auto' }}
      >
        {props.paragraphs.map((p) => {
          const here = source?.paragraph === p.index;
          return (
            <p
              key={p.index}
              id={`draft-paragraph-${p.index}`}
              data-selected={here ? 'true' : undefined}
              style={{
                margin: '0 0 6px',
                padding: '2px 6px',
                background: here ? '#fff7e6' : undefined,
                borderLeft: here ? '3px solid #b71c1c' : '3px solid transparent',
              }}
            >
              {here ? <Marked p={p} source={source} /> : p.text}
            </p>
          );
        })}
      </div>
    </Card>
  );
}

// The paragraph with the characters the field was read from marked.
function Marked({ p, source }: { p: DocumentParagraph; source: DraftFieldSource }) {
  if (source.start == null || source.end == null) return <>{p.text}</>;
  const from = Math.max(0, source.start - p.start);
  const to = Math.min(p.text.length, source.end - p.start);
  if (to <= from) return <>{p.text}</>;
  return (
    <>
      {p.text.slice(0, from)}
      <mark style={{ background: '#ffe58f', color: '#000' }}>{p.text.slice(from, to)}</mark>
      {p.text.slice(to)}
    </>
  );
}

// One drafted field: its value (edited in place), how sure the reading is, and the way to its source.
function Field(props: { review: Review; path: string; value: string; tr: Tr }) {
  const { review, path, value, tr } = props;
  const source = review.fields.get(path);
  const edited = review.edited.has(path);
  return (
    <Space
      size={4}
      wrap
      data-path={path}
      data-selected={review.selected === path ? 'true' : undefined}
      // A click on the field (its value, its edit icon) shows its source, not its measure's title.
      onClick={(e) => {
        e.stopPropagation();
        if (source) review.select(path);
      }}
    >
      <Typography.Text
        mark={review.selected === path}
        editable={
          review.editable
            ? { onChange: (v) => v !== value && review.edit(path, v), triggerType: ['icon'] }
            : false
        }
      >
        {value}
      </Typography.Text>
      {source && (
        <Button
          size="small"
          type="text"
          aria-label={tr(`原文出处：${path}`, `Source of ${path}`)}
          onClick={(e) => {
            // Not the measure row's own selection (its title) as well.
            e.stopPropagation();
            review.select(path);
          }}
        >
          <StateTag tone={edited ? 'grey' : CONFIDENCE_TONE[source.confidence]}>
            {edited ? tr('已修改', 'Edited') : confidenceLabel(tr, source.confidence)}
            {!edited && review.doubtful.has(path) ? ' ⚠' : ''}
          </StateTag>
        </Button>
      )}
    </Space>
  );
}

function Tree({ draft, review, tr }: { draft: PlanDraftView; review: Review; tr: Tr }) {
  const unitNames = new Map(draft.plan.units?.map((u) => [u.code, u.name]));
  return (
    <Card title={tr('问题与措施', 'Problems and measures')} size="small" style={{ marginBottom: 16 }}>
      {draft.plan.categories.map((c, ci) => {
        const cp = `categories[${ci}]`;
        return (
          <section key={cp} aria-label={c.title ?? cp} data-testid="draft-category">
            <Typography.Title level={4}>
              <Field review={review} path={`${cp}.title`} value={c.title ?? ''} tr={tr} />
            </Typography.Title>
            {c.aspects.map((a, ai) => {
              const ap = `${cp}.aspects[${ai}]`;
              return (
                <div key={ap} style={{ marginLeft: 12 }}>
                  <Typography.Title level={5}>
                    <Field review={review} path={`${ap}.title`} value={a.title ?? ''} tr={tr} />
                  </Typography.Title>
                  {a.problems.map((p, pi) => {
                    const pp = `${ap}.problems[${pi}]`;
                    return (
                      <div key={pp} style={{ marginLeft: 12, marginBottom: 12 }} data-testid="draft-problem">
                        <Typography.Text strong>
                          {tr('问题', 'Problem')} {p.code}:{' '}
                        </Typography.Text>
                        <Field review={review} path={`${pp}.title`} value={p.title ?? ''} tr={tr} />
                        <Space size={4} style={{ marginLeft: 8 }}>
                          {tr('类型', 'Track')}: {p.track ? trackLabel(tr, p.track as Track) : '—'}
                          <SourceTag review={review} path={`${pp}.track`} tr={tr} />
                        </Space>
                        <Measures
                          base={pp}
                          measures={p.measures}
                          unitNames={unitNames}
                          review={review}
                          tr={tr}
                        />
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </section>
        );
      })}
    </Card>
  );
}

function Measures(props: {
  base: string;
  measures: readonly DraftMeasure[];
  unitNames: ReadonlyMap<string, string>;
  review: Review;
  tr: Tr;
}) {
  const { base, review, tr } = props;
  const rows = props.measures.map((m, i) => ({ ...m, path: `${base}.measures[${i}]` }));
  const text = (field: keyof DraftMeasure) => (v: string | undefined, m: { path: string }) => (
    <Field review={review} path={`${m.path}.${field}`} value={v ?? ''} tr={tr} />
  );
  return (
    <Table
      size="small"
      rowKey="path"
      pagination={false}
      style={{ marginTop: 8 }}
      aria-label={tr('整改措施', 'Measures')}
      dataSource={rows}
      onRow={(m) => ({ onClick: () => review.select(`${m.path}.title`) })}
      rowClassName={(m) => (review.selected?.startsWith(`${m.path}.`) ? 'ant-table-row-selected' : '')}
      columns={[
        { title: tr('编号', 'Code'), dataIndex: 'code' },
        { title: tr('措施', 'Measure'), dataIndex: 'title', render: text('title') },
        {
          title: tr('责任单位', 'Lead unit'),
          dataIndex: 'leadUnit',
          render: (v: string | undefined, m) => (
            <Space direction="vertical" size={0}>
              {text('leadUnit')(v, m)}
              {v && props.unitNames.get(v)}
            </Space>
          ),
        },
        { title: tr('牵头领导', 'Leader'), dataIndex: 'leadLeader', render: text('leadLeader') },
        { title: tr('完成时限', 'Due'), dataIndex: 'due', render: text('due') },
      ]}
    />
  );
}

function SourceTag({ review, path, tr }: { review: Review; path: string; tr: Tr }) {
  const source = review.fields.get(path);
  if (!source) return null;
  return (
    <Button
      size="small"
      type="text"
      aria-label={tr(`原文出处：${path}`, `Source of ${path}`)}
      onClick={(e) => {
        // Not the measure row's own selection (its title) as well.
        e.stopPropagation();
        review.select(path);
      }}
    >
      <StateTag tone={CONFIDENCE_TONE[source.confidence]}>
        {confidenceLabel(tr, source.confidence)}
        {review.doubtful.has(path) ? ' ⚠' : ''}
      </StateTag>
    </Button>
  );
}

function Totals({ draft, tr }: { draft: PlanDraftView; tr: Tr }) {
  const d = draft.declared;
  const rows: [string, DeclaredTotal | undefined][] = [
    [tr('大类', 'Categories'), d.categories],
    [tr('方面', 'Aspects'), d.aspects],
    [tr('问题', 'Problems'), d.problems],
    [tr('措施', 'Measures'), d.measures],
    ...Object.entries(d.tracks ?? {}).map(([t, v]): [string, DeclaredTotal | undefined] => [
      trackLabel(tr, t as Track),
      v,
    ]),
  ];
  const declared = rows.filter((r): r is [string, DeclaredTotal] => r[1] !== undefined);
  return (
    <Card title={tr('文件声明与起草对照', 'Declared and drafted')} size="small" style={{ marginBottom: 16 }}>
      {declared.length > 0 ? (
        <Descriptions styles={LABEL} size="small" column={2} bordered>
          {declared.map(([label, t]) => (
            <Descriptions.Item key={label} label={label}>
              {tr(`声明 ${t.count}，起草 ${t.drafted}`, `declared ${t.count}, drafted ${t.drafted}`)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Typography.Text>{tr('文件未声明总数', 'The document declares no totals')}</Typography.Text>
      )}
      {draft.warnings.map((w, i) => (
        <Alert key={i} type="warning" showIcon style={{ marginTop: 8 }} message={`${w.code}: ${w.message}`} />
      ))}
    </Card>
  );
}

// Paths the API names (placeholders left, validation problems), each a way to its field.
function PathList(props: { review: Review; details: readonly ErrorDetail[]; title?: string; tr: Tr }) {
  const { review, tr } = props;
  return (
    <List
      size="small"
      bordered
      style={{ marginBottom: 16 }}
      header={
        <Typography.Text strong>
          {props.title ?? tr('尚待补充的字段', 'Fields still missing')}
        </Typography.Text>
      }
      dataSource={props.details as ErrorDetail[]}
      renderItem={(d) => (
        <List.Item>
          <Button type="link" size="small" onClick={() => d.path && review.select(d.path)}>
            {d.path ?? '—'}
          </Button>
          {d.message}
        </List.Item>
      )}
    />
  );
}

function DryRunSummary({ result, tr }: { result: ApplyResult; tr: Tr }) {
  const r = result.import;
  // The import has no diff for a new plan; the draft's review is the diff against an empty one.
  const diff = r.diff ?? result.draft.review;
  const m = diff?.measures;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="draft-dry-run">
      <Descriptions styles={LABEL} size="small" column={2}>
        <Descriptions.Item label={tr('方案编号', 'Plan code')}>{r.planCode}</Descriptions.Item>
        <Descriptions.Item label={tr('措施数', 'Measures')}>{r.measures}</Descriptions.Item>
        <Descriptions.Item label={tr('结果', 'Outcome')}>
          {r.diff ? tr('变更现行方案', 'a change to the plan in force') : tr('新方案', 'a new plan')}
        </Descriptions.Item>
        {diff && m && (
          <Descriptions.Item label={tr('变化', 'Changes')}>
            {tr(
              `问题新增 ${diff.problems.added.length}；措施新增 ${m.added.length}，调出 ${m.removed.length}，修改 ${m.changed.length}`,
              `problems: ${diff.problems.added.length} added; measures: ${m.added.length} added, ${m.removed.length} withdrawn, ${m.changed.length} changed`,
            )}
          </Descriptions.Item>
        )}
      </Descriptions>
      {r.wouldRefuse && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          message={`${tr('按此导入将被拒绝', 'Importing this would be refused')} (${r.wouldRefuse.code})`}
          description={r.wouldRefuse.message}
        />
      )}
      {r.warnings.map((w, i) => (
        <Alert key={i} type="info" showIcon message={`${w.path ?? ''} ${w.message}`} />
      ))}
    </Space>
  );
}

function problemDetails(e: unknown): readonly ErrorDetail[] {
  if (!(e instanceof ApiRefusal) || !Array.isArray(e.error.details)) return [];
  return e.error.details as ErrorDetail[];
}
