import type { IncomingHttpHeaders } from 'node:http';
import { context, createContextKey, isSpanContextValid, propagation, ROOT_CONTEXT, SpanKind, trace, type Span } from '@opentelemetry/api';
import type { RequestKind } from './request-kind.js';

/** The request's id in OpenTelemetry's context, beside its span. */
const REQUEST_ID = createContextKey('lotsen.request-id');
const tracer = trace.getTracer('lotsen');

/**
 * The fields added to every log line (pino's `mixin`) when tracing is on: the id of the request
 * being handled, its trace and its span, so one request's lines can be found together and beside
 * its trace. Empty without tracing, and outside a request (background jobs, start-up).
 *
 * Without tracing there is no context that follows a request through its awaits: Node's
 * AsyncLocalStorage would, but its promise hooks cost about 4 % of every turn's CPU (measured
 * with `npm run bench`, issue 22). The lines written while a request is handled then carry its id
 * themselves: the request line, a failed request, a turn's start, and a failed turn or dialog
 * step (through the turn, src/channels/turn-request.ts). A new log line inside a request must
 * name its `reqId` too.
 */
export function requestLogFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  const active = context.active();
  const requestId = active.getValue(REQUEST_ID);
  if (typeof requestId === 'string') fields.reqId = requestId;
  const span = trace.getSpan(active)?.spanContext();
  if (span && isSpanContextValid(span) && span.traceFlags & 1) {
    fields.traceId = span.traceId;
    fields.spanId = span.spanId;
  }
  return fields;
}

/**
 * Starts the request's server span, a child of the caller's W3C trace context (`traceparent`)
 * when it sends one. Web chat polls get none: one a second per open chat would drown the traces.
 * Without a tracer provider (OTEL_EXPORTER_OTLP_ENDPOINT unset) the span records nothing.
 */
export function startRequestSpan(method: string | undefined, kind: RequestKind, headers: IncomingHttpHeaders): Span | undefined {
  if (kind === 'poll') return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const name = kind === 'other' ? (method ?? 'HTTP') : `turn ${kind.turn}`;
  return tracer.startSpan(name, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method ?? '' } }, parent);
}

/**
 * Runs the rest of a request's handling with its id, and its span as the active one, in
 * OpenTelemetry's context: carried through every await when tracing is on (the tracer provider
 * installs its context manager), and a plain call when it is off.
 */
export function runInRequest(reqId: string, span: Span | undefined, handle: () => void): void {
  const withId = context.active().setValue(REQUEST_ID, reqId);
  context.with(span ? trace.setSpan(withId, span) : withId, handle);
}
