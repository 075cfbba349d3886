import { z } from 'zod';
import { LotsenError } from '../errors.js';

export const HANDOFF_STATUSES = ['registered', 'notified', 'claimed', 'contacted', 'closed'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

/** How a case ended, for statistics and for the person's next contact. */
export const OUTCOMES = ['resolved', 'referred', 'no-contact', 'withdrawn', 'duplicate'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What staff (or the system) do to a handoff; `by` is who, as the audit trail records it. */
export const HandoffActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('notify'), by: z.string().min(1) }),
  /** `byId`: the claimer's stable id (Entra object id), for "my handoffs"; `by` is the name shown. */
  z.object({ type: z.literal('claim'), by: z.string().min(1), byId: z.string().min(1).optional() }),
  z.object({ type: z.literal('contacted'), by: z.string().min(1) }),
  z.object({ type: z.literal('close'), by: z.string().min(1), outcome: z.enum(OUTCOMES) }),
  /** `reason`: why it goes elsewhere, for the receiving instance and the history. */
  z.object({ type: z.literal('reroute'), by: z.string().min(1), instanceId: z.string().min(1), reason: z.string().trim().min(1).max(500).optional() }),
  z.object({ type: z.literal('reopen'), by: z.string().min(1) }),
]);
export type HandoffAction = z.infer<typeof HandoffActionSchema>;

/**
 * The lifecycle: registered → notified → claimed → contacted → closed. A reroute moves an open
 * case to another instance and back to registered; a closed case can be reopened (registered
 * again) when the person comes back about it. An escalation is an event, not a status.
 */
const FROM: Readonly<Record<HandoffAction['type'], readonly HandoffStatus[]>> = {
  notify: ['registered'],
  claim: ['registered', 'notified'],
  contacted: ['claimed'],
  close: ['registered', 'notified', 'claimed', 'contacted'],
  reroute: ['registered', 'notified', 'claimed'],
  reopen: ['closed'],
};

const TO: Readonly<Record<HandoffAction['type'], HandoffStatus>> = {
  notify: 'notified',
  claim: 'claimed',
  contacted: 'contacted',
  close: 'closed',
  reroute: 'registered',
  reopen: 'registered',
};

export class IllegalTransitionError extends LotsenError {
  readonly code = 'HANDOFF.ILLEGAL_TRANSITION';
  constructor(
    readonly from: HandoffStatus,
    readonly action: HandoffAction['type'],
  ) {
    super(`A ${from} handoff cannot be given "${action}".`);
  }
}

/** Someone else claimed it first: the loser is told who has it. */
export class AlreadyClaimedError extends LotsenError {
  readonly code = 'HANDOFF.ALREADY_CLAIMED';
  constructor(readonly claimedBy: string) {
    super(`Already claimed by ${claimedBy}.`);
  }
}

/** The handoff changed between reading and writing (optimistic concurrency): read it again. */
export class HandoffChangedError extends LotsenError {
  readonly code = 'HANDOFF.CHANGED';
  constructor(
    /** Who made the change that came first, when known. */
    readonly changedBy?: string,
  ) {
    super(`The handoff was changed${changedBy ? ` by ${changedBy}` : ' by someone else'}; look at it again.`);
  }
}

export class HandoffNotFoundError extends LotsenError {
  readonly code = 'HANDOFF.NOT_FOUND';
  constructor(readonly id: string) {
    super(`No handoff ${id}.`);
  }
}

/** What staff can do to a handoff in this status (notifying is the system's). */
export type StaffActionType = Exclude<HandoffAction['type'], 'notify'>;
export function staffActionsFrom(status: HandoffStatus): StaffActionType[] {
  return (Object.keys(FROM) as HandoffAction['type'][]).filter((type): type is StaffActionType => type !== 'notify' && FROM[type].includes(status));
}

/** The status after `action`, or an IllegalTransitionError. */
export function nextStatus(current: HandoffStatus, action: HandoffAction): HandoffStatus {
  if (!FROM[action.type].includes(current)) throw new IllegalTransitionError(current, action.type);
  return TO[action.type];
}
