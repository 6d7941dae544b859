import { Writable } from 'node:stream';
import { createRectifyLogger } from './rectify-logger';
import { PinoTemporalLogger } from './temporal-logger.adapter';

function capture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _: BufferEncoding, done: () => void) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    stream,
    text: () => chunks.join(''),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    lines: (): any[] =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}

describe('the JSON logger', () => {
  it.each([
    ['password', { password: 's3cret-pass' }],
    ['newPassword', { body: { newPassword: 's3cret-pass' } }],
    ['refreshToken', { body: { refreshToken: 's3cret-pass' } }],
    ['accessToken', { accessToken: 's3cret-pass' }],
    ['apiToken', { apiToken: 's3cret-pass' }],
    ['setupToken', { body: { setupToken: 's3cret-pass' } }],
    ['token', { result: { token: 's3cret-pass' } }],
    ['smtpUrl', { delivery: { smtpUrl: 's3cret-pass' } }],
    ['taskToken', { taskToken: 's3cret-pass' }],
    ['an Authorization header', { req: { headers: { authorization: 'Bearer s3cret-pass' } } }],
    ['a cookie', { req: { headers: { cookie: 'sid=s3cret-pass' } } }],
  ])('redacts %s', (_, fields) => {
    const out = capture();
    createRectifyLogger('rectify-api', 'info', out.stream).info(fields, 'hello');
    expect(out.text()).not.toContain('s3cret-pass');
    expect(out.text()).toContain('[Redacted]');
  });

  it('strips credentials from URLs in messages', () => {
    const out = capture();
    const log = createRectifyLogger('rectify-worker', 'info', out.stream);
    log.warn('cannot reach smtp://mailer:s3cret-pass@mail.example.org:587 (timeout)');
    expect(out.lines()[0]).toMatchObject({
      level: 'warn',
      service: 'rectify-worker',
      msg: 'cannot reach smtp://[Redacted]@mail.example.org:587 (timeout)',
    });
  });

  it('logs nothing below its level', () => {
    const out = capture();
    const log = createRectifyLogger('rectify-api', 'warn', out.stream);
    log.info('quiet');
    log.error('loud');
    expect(out.lines().map((l) => l.msg)).toEqual(['loud']);
  });
});

describe("Temporal's runtime logger into pino", () => {
  it('writes SDK lines in the same format, with the run as runId and without the task token', () => {
    const out = capture();
    const logger = new PinoTemporalLogger(createRectifyLogger('rectify-worker', 'debug', out.stream));
    logger.debug('Activity started', {
      sdkComponent: 'activity',
      workflowId: 'measure:GS-2019:P01-M1',
      workflowRunId: 'run-1',
      activityType: 'recordMeasureEvent',
      taskToken: 'CiQ0YmE-secret',
    });
    logger.info('Workflow started', {
      workflowId: 'measure:GS-2019:P01-M1',
      runId: 'run-1',
      workflowType: 'x',
    });
    logger.error('boom', { error: new Error('database away') });
    const [activity, workflow, failed] = out.lines();
    expect(activity).toMatchObject({
      level: 'debug',
      service: 'rectify-worker',
      context: 'Temporal',
      msg: 'Activity started',
      workflowId: 'measure:GS-2019:P01-M1',
      runId: 'run-1',
      activityType: 'recordMeasureEvent',
      taskToken: '[Redacted]',
    });
    expect(activity).not.toHaveProperty('workflowRunId');
    expect(workflow).toMatchObject({ level: 'info', runId: 'run-1', workflowType: 'x' });
    expect(failed).toMatchObject({ level: 'error', error: { message: 'database away' } });
    expect(out.text()).not.toContain('CiQ0YmE-secret');
  });
});
