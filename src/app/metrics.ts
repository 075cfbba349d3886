import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../storage/database.js';
import type { HttpMetrics } from '../server/create-server.js';

/** A web chat with activity this recently counts as open. */
const OPEN_CHAT_MINUTES = 30;

/**
 * What operators watch (`GET /metrics`, Prometheus text format): turns, their errors and latency
 * by channel (counted where the requests arrive), web chat polls, and, read from the database at
 * each scrape, handoffs by route and status, the outbox, escalations, SLA breaches, open web
 * chats and the connection pool; plus Node's own process metrics. Never anything a person wrote.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly http: HttpMetrics;
}

/** `openStreams` counts this instance's web chat streams (asked at each scrape, once the server holding them runs). */
export function createMetrics(database: Database, clock: () => Date, openStreams: () => number): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lotsen_' });
  const turns = new Counter({ name: 'lotsen_turns_total', help: 'Turns (messages to the bot) by channel', labelNames: ['channel'], registers: [registry] });
  const turnErrors = new Counter({
    name: 'lotsen_turn_errors_total',
    help: 'Turns answered with a server error, by channel',
    labelNames: ['channel'],
    registers: [registry],
  });
  const turnSeconds = new Histogram({
    name: 'lotsen_turn_duration_seconds',
    help: 'Time to answer a turn, by channel',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const polls = new Counter({ name: 'lotsen_directline_polls_total', help: 'Web chat polls for new activities', registers: [registry] });
  const { prisma } = database;
  new Gauge({
    name: 'lotsen_handoffs',
    help: 'Handoffs by route and status',
    labelNames: ['route', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const groups = await prisma.handoff.groupBy({ by: ['routeId', 'status'], _count: { _all: true } });
      for (const group of groups) this.set({ route: group.routeId, status: group.status }, group._count._all);
    },
  });
  new Gauge({
    name: 'lotsen_outbox_jobs',
    help: 'Notifications and volunteer messages in the outbox, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const group of await prisma.outboxJob.groupBy({ by: ['status'], _count: { _all: true } })) this.set({ status: group.status }, group._count._all);
    },
  });
  new Gauge({
    name: 'lotsen_outbox_oldest_pending_seconds',
    help: 'Age of the oldest notification still waiting to be delivered (0: none)',
    registers: [registry],
    async collect() {
      const oldest = await prisma.outboxJob.findFirst({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
      this.set(oldest ? (clock().getTime() - oldest.createdAt.getTime()) / 1000 : 0);
    },
  });
  new Gauge({
    name: 'lotsen_escalations',
    help: 'Escalations so far (a handoff not claimed or contacted in time)',
    registers: [registry],
    async collect() {
      this.set(await prisma.handoffEvent.count({ where: { type: 'escalated' } }));
    },
  });
  new Gauge({
    name: 'lotsen_sla_breaches',
    help: 'Open handoffs past the time the person was promised contact',
    registers: [registry],
    async collect() {
      this.set(await prisma.handoff.count({ where: { status: { in: ['registered', 'notified', 'claimed'] }, slaDueAt: { lt: clock() } } }));
    },
  });
  new Gauge({
    name: 'lotsen_directline_open_conversations',
    help: `Web chats with activity in the last ${OPEN_CHAT_MINUTES} minutes`,
    registers: [registry],
    async collect() {
      const since = new Date(clock().getTime() - OPEN_CHAT_MINUTES * 60_000);
      const open = await prisma.directLineActivity.groupBy({ by: ['conversationId'], where: { createdAt: { gt: since } } });
      this.set(open.length);
    },
  });
  new Gauge({
    name: 'lotsen_directline_streams_open',
    help: 'Web chats following their conversation over a WebSocket stream on this instance',
    registers: [registry],
    collect() {
      this.set(openStreams());
    },
  });
  new Gauge({
    name: 'lotsen_db_pool_connections',
    help: 'Database connections by state (PGlite: one, always)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = database.pool as { totalCount?: number; idleCount?: number; waitingCount?: number };
      this.set({ state: 'total' }, pool.totalCount ?? 1);
      this.set({ state: 'idle' }, pool.idleCount ?? 0);
      this.set({ state: 'waiting' }, pool.waitingCount ?? 0);
    },
  });
  return {
    registry,
    http: {
      observe(kind, status, seconds) {
        if (kind === 'poll') return void polls.inc();
        if (kind === 'other') return;
        turns.inc({ channel: kind.turn });
        turnSeconds.observe({ channel: kind.turn }, seconds);
        if (status >= 500) turnErrors.inc({ channel: kind.turn });
      },
    },
  };
}
