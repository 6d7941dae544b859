import { InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import { Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { startTracing, Tracing, workflowSpanTarget } from '../../libs/observability/src/tracing';
import { TRACED_STARTS_ONLY_PATCH, TRACING_INTERCEPTORS_PATCH } from '../../workflows/tracing.interceptors';
import { eventually } from '../support/eventually';
import { patchMarkers } from '../support/patch-markers';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { workflowBundlePath } from '../support/temporal-test-env';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

describe(`traces (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let tracing: Tracing;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    // In place of an OTLP collector: the API's and the worker's spans, kept in memory.
    tracing = startTracing('rectify-api', {
      otlpEndpoint: null,
      spanProcessor: new SimpleSpanProcessor(exporter),
    })!;
    rectify = await startRectify({ tracing });
  });
  afterAll(async () => {
    await rectify?.stop();
    await tracing?.shutdown();
  });

  it('links an HTTP command to its client call, its workflow update and its activity in one trace', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due: '2030-06-30', measures: 1 });
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    const [{ id, workflowId }] = (await rectify.request('GET', `/measures?plan=${imported.body.planId}`)).body
      .items;

    // The caller's own trace, so the spans to look for are known in advance.
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const reported = await rectify.request(
      'POST',
      `/measures/${id}/progress-reports`,
      { note: '已完成1.2万户' },
      { traceparent: `00-${traceId}-${callerSpanId}-01` },
    );
    expect(reported.status).toBe(200);

    const chain = [
      'POST /measures/:id/progress-reports',
      'StartWorkflowUpdate:reportProgress',
      'HandleUpdate:reportProgress',
      'StartActivity:recordMeasureEvent',
      'RunActivity:recordMeasureEvent',
    ];
    const spans = await eventually(async () => {
      const inTrace = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
      expect(inTrace.map((s) => s.name)).toEqual(expect.arrayContaining(chain));
      return inTrace;
    });
    const named = (name: string): ReadableSpan => spans.find((s) => s.name === name)!;
    // Each span is the child of the one before it; the first, of the caller's.
    expect(chain.map((name) => ({ name, parent: named(name).parentSpanId }))).toEqual(
      chain.map((name, i) => ({
        name,
        parent: i === 0 ? callerSpanId : named(chain[i - 1]).spanContext().spanId,
      })),
    );
    expect(named(chain[0]).attributes).toMatchObject({
      'http.route': '/measures/:id/progress-reports',
      'http.response.status_code': 200,
    });

    // A run started traced carries the patch marker and replays through the same code.
    const history = await rectify.temporal.workflow.getHandle(workflowId).fetchHistory();
    const patches = patchMarkers(history);
    expect(patches).toContain(TRACED_STARTS_ONLY_PATCH);
    expect(patches).not.toContain(TRACING_INTERCEPTORS_PATCH);
    const dropped = workflowSpanTarget(null);
    await Worker.runReplayHistory(
      {
        workflowBundle: { codePath: workflowBundlePath() },
        sinks: { exporter: makeWorkflowExporter(dropped.spanProcessor, dropped.resource) },
      },
      history,
      workflowId,
    );
  });
});
