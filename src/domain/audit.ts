/** A security-relevant event: who tried what, and whether it was allowed (ids only, never message text). */
export interface AuditEntry {
  readonly kind: string;
  readonly actorId?: string;
  readonly tenantId?: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/** Where audit events are kept (the storage layer provides it). */
export interface AuditLog {
  record(entry: AuditEntry, at?: Date): Promise<void>;
}
