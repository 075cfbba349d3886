import { randomBytes } from 'node:crypto';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { startLotsenProcess } from '../support/lotsen-process';
import { RecordingServer } from '../support/recording-server';
import { message } from '../support/test-app';

interface ExportedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
}
interface TraceExport {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: ExportedSpan[] }[] }[];
}

const [pglite] = databaseKinds;

describe('traces and request ids, from the running process', () => {
  let testDatabase: TestDatabase;
  let collector: RecordingServer;
  beforeEach(async () => {
    testDatabase = await pglite!.create();
    // A local OpenTelemetry collector: OTLP/HTTP with JSON, as the exporter sends it.
    collector = await new RecordingServer(() => ({ status: 200, body: {} })).start();
  });
  afterEach(async () => {
    await collector.stop();
    await testDatabase.dispose();
  });

  it('when OTEL_EXPORTER_OTLP_ENDPOINT is set and a turn comes with a traceparent, then the collector gets the turn span in that trace, its database calls inside it, and every log line of the turn has the request id and trace', async () => {
    const running = await startLotsenProcess({ DATABASE_URL: testDatabase.url, OTEL_EXPORTER_OTLP_ENDPOINT: collector.origin, LOG_LEVEL: 'debug' });
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const webChatTraceId = randomBytes(16).toString('hex');
    try {
      const response = await fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${callerSpanId}-01`, 'x-request-id': 'proxy-turn-17' },
        body: JSON.stringify(message('hej')),
      });
      expect(response.status).toBe(200);
      // A web chat starting: the greeting turn keeps its transcript through Prisma.
      const { token } = (await (await fetch(`${running.baseUrl}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as { token: string };
      const started = await fetch(`${running.baseUrl}/v3/directline/conversations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, traceparent: `00-${webChatTraceId}-${randomBytes(8).toString('hex')}-01` },
      });
      expect(started.status).toBe(201);
    } finally {
      running.child.kill('SIGTERM');
      // The batch of spans is sent when the process stops, before it exits.
      expect(await running.exited).toBe(0);
    }

    const exports = collector.calls.filter((call) => call.path === '/v1/traces').map((call) => call.body as unknown as TraceExport);
    const resources = exports.flatMap((body) => body.resourceSpans);
    expect(resources[0]!.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'lotsen' } });
    const spans = resources.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    const turn = spans.find((span) => span.name === 'turn botframework');
    expect(turn).toMatchObject({ traceId, parentSpanId: callerSpanId });
    // The conversation's state is read and written in the turn, on the pool beside Prisma.
    const inTheTurn = spans.filter((span) => span.traceId === traceId && span.spanId !== turn!.spanId).map((span) => span.name);
    expect(inTheTurn).toEqual(expect.arrayContaining(['SELECT bot_state', 'INSERT bot_state']));
    const inTheWebChat = spans.filter((span) => span.traceId === webChatTraceId).map((span) => span.name);
    expect(inTheWebChat).toEqual(expect.arrayContaining(['POST /v3/directline/conversations', 'prisma:client:operation', 'prisma:client:db_query']));

    const lines = running
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const turnStarted = lines.find((line) => line.msg === 'turn started');
    expect(turnStarted).toMatchObject({ reqId: 'proxy-turn-17', traceId });
    const ofTheTrace = lines.filter((line) => line.traceId === traceId);
    expect(ofTheTrace.length).toBeGreaterThan(0);
    expect(ofTheTrace.every((line) => line.reqId === 'proxy-turn-17')).toBe(true);
  });

  it('when no collector is configured, then no trace is sent and the turn line still carries the request id', async () => {
    const running = await startLotsenProcess({ DATABASE_URL: testDatabase.url, LOG_LEVEL: 'debug' });
    try {
      await fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'proxy-turn-18' },
        body: JSON.stringify(message('hej')),
      });
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    expect(running.output()).toMatch(/"reqId":"proxy-turn-18"[^\n]*"msg":"turn started"/);
    expect(running.output()).not.toMatch(/"traceId"/);
    expect(collector.calls).toEqual([]);
  });
});
