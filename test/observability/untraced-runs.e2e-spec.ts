// With tracing off (no OTLP endpoint), runs are started without a trace context and create no
// spans: the OpenTelemetry workflow interceptors stay out of them, as if the bundle lacked them.
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import { Worker } from '@temporalio/worker';
import { TRACED_STARTS_ONLY_PATCH, TRACING_INTERCEPTORS_PATCH } from '../../workflows/tracing.interceptors';
import { patchMarkers } from '../support/patch-markers';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { workflowBundlePath } from '../support/temporal-test-env';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

describe(`runs started with tracing off (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  // The worker's span sink, recording: nothing registers a tracer provider for the process, so the
  // API's client starts runs without a trace context (tracing off), but any span a workflow made
  // would arrive here.
  const exporter = new InMemorySpanExporter();
  const sink = { spanProcessor: new SimpleSpanProcessor(exporter), resource: Resource.EMPTY };

  beforeAll(async () => {
    rectify = await startRectify({ tracing: { ...sink, shutdown: () => exporter.shutdown() } });
  });
  afterAll(() => rectify?.stop());

  it('starts a measure without a trace context and runs it, updates and all, making no span', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due: '2030-06-30', measures: 1 });
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    const [{ id, workflowId }] = (await rectify.request('GET', `/measures?plan=${imported.body.planId}`)).body
      .items;
    const reported = await rectify.request('POST', `/measures/${id}/progress-reports`, { note: '已完成' });
    expect(reported.status).toBe(200);

    const history = await rectify.temporal.workflow.getHandle(workflowId).fetchHistory();
    const carrier =
      history.events?.[0].workflowExecutionStartedEventAttributes?.header?.fields?.['_tracer-data'];
    expect(JSON.parse(Buffer.from(carrier!.data!).toString('utf8'))).toEqual({});
    const patches = patchMarkers(history);
    expect(patches).toContain(TRACED_STARTS_ONLY_PATCH);
    expect(patches).not.toContain(TRACING_INTERCEPTORS_PATCH);
    // The update was answered after its workflow task completed, and with it the sink's calls.
    expect(exporter.getFinishedSpans()).toEqual([]);
    await Worker.runReplayHistory(
      {
        workflowBundle: { codePath: workflowBundlePath() },
        sinks: { exporter: makeWorkflowExporter(sink.spanProcessor, sink.resource) },
      },
      history,
      workflowId,
    );
  });
});
