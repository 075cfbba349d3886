import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import { context, isSpanContextValid, propagation, ROOT_CONTEXT, SpanKind, trace, type Span } from '@opentelemetry/api';
import type { RequestKind } from './request-kind.js';

/** What every log line written while a request is handled carries: the request's id. */
interface RequestContext {
  readonly reqId: string;
}

const requests = new AsyncLocalStorage<RequestContext>();
const tracer = trace.getTracer('lotsen');

/**
 * The fields added to every log line (pino's `mixin`): the id of the request being handled, and
 * its trace and span when tracing is on, so one turn's lines can be found together and beside
 * its trace. Empty outside a request (background jobs, start-up).
 */
export function requestLogFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  const request = requests.getStore();
  if (request) fields.reqId = request.reqId;
  const span = trace.getActiveSpan()?.spanContext();
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

/** Runs the rest of a request's handling with its id, and its span as the active one, in context. */
export function runInRequest(reqId: string, span: Span | undefined, handle: () => void): void {
  const active = span ? trace.setSpan(context.active(), span) : context.active();
  context.with(active, () => requests.run({ reqId }, handle));
}
