import type { HandoffAction, HandoffStatus } from './lifecycle.js';

/** What a person has agreed to hand over, ready to be registered. */
export interface HandoffDraft {
  readonly routeId: string;
  readonly instanceId: string;
  /** The channel the person wrote from: webchat, emulator, msteams, telegram, … */
  readonly channel: string;
  readonly language: string;
  readonly conversationId: string;
  /** The same key twice registers one handoff: retries and duplicated activities are harmless. */
  readonly idempotencyKey: string;
  readonly need?: string | undefined;
  /** Whether the person wants an interpreter when contacted (undefined: not asked). */
  readonly interpreter?: boolean | undefined;
  readonly contact: {
    readonly name: string;
    readonly phone?: string | undefined;
    readonly email?: string | undefined;
    readonly preferredTime?: string | undefined;
  };
  readonly summary?: string | undefined;
  readonly consentVersion: string;
  readonly consentedAt: Date;
  readonly slaDueAt: Date;
  /** When staff should have claimed it: the instance's claim window, in office hours. */
  readonly claimDueAt: Date;
}

/** A handoff committed to the database: only now may the person be told it is registered. */
export interface RegisteredHandoff {
  readonly id: string;
  readonly reference: string;
  readonly instanceId: string;
  readonly slaDueAt: Date;
  readonly createdAt: Date;
}

/** The handoff log, as the conversation needs it. */
export interface HandoffRegistry {
  /** Commits the handoff (or finds the one registered under the same idempotency key). */
  register(draft: HandoffDraft): Promise<RegisteredHandoff>;
  /**
   * Erases what a conversation's handoffs hold about the person (contact details, free text),
   * keeping the anonymous rows; returns the references of the handoffs erased.
   */
  eraseConversation(conversationId: string, actor: string): Promise<readonly string[]>;
}

/** A change to a handoff, with what it needs beyond the action itself. */
export interface HandoffChange {
  readonly action: HandoffAction;
  readonly at: Date;
  /** For a reroute or reopen: the new instance's deadlines. */
  readonly deadlines?: { readonly claimDueAt: Date; readonly slaDueAt: Date };
  /** The version the person acting saw: a handoff changed since then is not changed again (the staff tab). */
  readonly expectedVersion?: number;
}

/** An entry of a handoff's history: what happened, when, who did it, and its particulars (where a notification went, why it was rerouted). */
export interface HandoffEventView {
  readonly type: string;
  readonly at: Date;
  readonly actor: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

/** A handoff as staff and the notifications see it (contact details until erased). */
export interface HandoffView {
  readonly id: string;
  readonly reference: string;
  readonly routeId: string;
  readonly instanceId: string;
  readonly status: HandoffStatus;
  readonly channel: string;
  readonly language: string;
  readonly need: string | null;
  readonly interpreter: boolean | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly slaDueAt: Date;
  readonly claimDueAt: Date;
  readonly version: number;
  readonly claimedBy: string | null;
  readonly claimedById: string | null;
  readonly outcome: string | null;
  readonly contact: { readonly name: string | null; readonly phone?: string; readonly email?: string; readonly preferredTime?: string };
  readonly summary: string | null;
  /** When the person's details were erased (on their request or after the retention period). */
  readonly erasedAt: Date | null;
  readonly events: readonly HandoffEventView[];
}

/** `LOTS-2026-000123`: what the person is told and staff search for. */
export function formatReference(createdAt: Date, number: number): string {
  return `LOTS-${createdAt.getUTCFullYear()}-${String(number).padStart(6, '0')}`;
}
