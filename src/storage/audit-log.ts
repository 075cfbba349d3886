import type { AuditEntry, AuditLog } from '../domain/audit.js';
import type { PrismaClient } from './generated/client.js';

/** Audit events in the `audit_event` table. */
export class PrismaAuditLog implements AuditLog {
  constructor(private readonly prisma: PrismaClient) {}

  async record(entry: AuditEntry, at: Date = new Date()): Promise<void> {
    await this.prisma.auditEvent.create({
      data: { at, kind: entry.kind, actorId: entry.actorId ?? null, tenantId: entry.tenantId ?? null, details: { ...entry.details } },
    });
  }
}
