import type { Config } from '../config/index.js';

/** Traces being exported: flushed and stopped last at shutdown, so the final spans are not lost. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry, when OTEL_EXPORTER_OTLP_ENDPOINT is set: a tracer provider that exports over
 * OTLP/HTTP in batches and reads W3C trace context from requests (the server's span per request,
 * src/server/request-context.ts), and Prisma's instrumentation for a span per database call, on
 * PGlite and PostgreSQL alike. The SDK is loaded only then: without it every span is a no-op.
 * Call before the database is opened.
 */
export async function startTracing(config: Config): Promise<Tracing | undefined> {
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { PrismaInstrumentation, registerInstrumentations }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@prisma/instrumentation'),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.OTEL_SERVICE_NAME }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: new URL('v1/traces', withSlash(config.OTEL_EXPORTER_OTLP_ENDPOINT)).href }))],
  });
  // The global provider, the AsyncLocalStorage context manager and the W3C trace context propagator.
  provider.register();
  registerInstrumentations({ tracerProvider: provider, instrumentations: [new PrismaInstrumentation()] });
  return { shutdown: () => provider.shutdown() };
}

/** The base URL with a trailing slash, so `v1/traces` is added to its path rather than replacing its last part. */
const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
