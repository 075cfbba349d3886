import { LotsenError } from '../errors.js';

/** How a call-out reaches a volunteer: the messaging app they registered in, an SMS, or an e-mail. */
export type ReachBy = 'app' | 'sms' | 'email';

/** A volunteer's entry as they give it by chat. */
export interface VolunteerEntry {
  readonly conversationId: string;
  readonly channel: string;
  readonly language: string;
  readonly name: string;
  readonly skills: readonly string[];
  readonly areas: readonly string[];
  readonly times: readonly string[];
  readonly reachBy: ReachBy;
  readonly phone?: string;
  readonly email?: string;
  readonly consentVersion: string;
}

export interface Volunteer extends VolunteerEntry {
  readonly id: string;
  readonly status: 'active' | 'paused';
  readonly consentedAt: Date;
  readonly lastActiveAt: Date;
}

export type NeedStatus = 'open' | 'filled' | 'cancelled';
export type CallOutStatus = 'asked' | 'accepted' | 'declined' | 'filled' | 'cancelled';

export interface Need {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly area: string;
  readonly skills: readonly string[];
  readonly count: number;
  readonly startsAt: Date;
  readonly endsAt?: Date;
  readonly crisis: boolean;
  readonly status: NeedStatus;
  readonly instanceId: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly filledAt?: Date;
  readonly cancelledAt?: Date;
  /** How many were asked, and how their answers stand. */
  readonly answers: Readonly<Record<CallOutStatus, number>>;
}

/** One volunteer asked about a need, as a coordinator follows it. */
export interface CallOutView {
  readonly id: string;
  readonly status: CallOutStatus;
  readonly askedAt: Date;
  readonly answeredAt?: Date;
  /** Whether the call-out reached them: delivered, waiting for a retry, or given up. */
  readonly delivery: 'pending' | 'delivered' | 'failed';
  /** Undefined once the volunteer has been forgotten (they left, or were inactive too long). */
  readonly volunteer?: Pick<Volunteer, 'id' | 'name' | 'reachBy' | 'phone' | 'email' | 'language'>;
}

/** What a message to a volunteer about a call-out is written from, as the outbox delivers it. */
export interface CallOutMessage {
  readonly callOutId: string;
  readonly status: CallOutStatus;
  /** Whether the call-out itself reached them (a "filled" notice to someone never asked is not sent). */
  readonly askDelivered: boolean;
  readonly need: Pick<Need, 'title' | 'description' | 'area' | 'startsAt'>;
  /** Undefined once the volunteer has been forgotten. */
  readonly volunteer?: Pick<Volunteer, 'name' | 'language' | 'reachBy' | 'phone' | 'email' | 'channel' | 'conversationId'>;
}

/** What became of a volunteer's answer, and the need's title (the reply names it). */
export interface AnsweredCallOut {
  readonly outcome: AnswerOutcome;
  readonly title: string;
}

/** What became of a volunteer's answer. */
export type AnswerOutcome =
  /** Yes, and there was a place. */
  | 'accepted'
  | 'declined'
  /** Yes, but the places were taken: told so and thanked. */
  | 'filled'
  /** The need was cancelled before the answer. */
  | 'cancelled'
  /** They had answered already; the first answer stands. */
  | 'already-answered';

/** The register in numbers, for the coordinators (no names). */
export interface VolunteerStatistics {
  readonly volunteers: {
    readonly active: number;
    readonly paused: number;
    /** Active volunteers per area id and per skill id (one volunteer counts in each they chose). */
    readonly byArea: Readonly<Record<string, number>>;
    readonly bySkill: Readonly<Record<string, number>>;
  };
  readonly needs: {
    readonly open: number;
    readonly filled: number;
    readonly cancelled: number;
    /** From the need's creation to its last place taken, over the filled needs; null with none. */
    readonly medianHoursToFill: number | null;
  };
}

export class NeedNotFoundError extends LotsenError {
  readonly code = 'VOLUNTEER.NEED_NOT_FOUND';
  constructor(readonly needId: string) {
    super(`no volunteer need ${needId}`);
  }
}

export class NeedClosedError extends LotsenError {
  readonly code = 'VOLUNTEER.NEED_CLOSED';
  constructor(
    readonly needId: string,
    readonly status: NeedStatus,
  ) {
    super(`volunteer need ${needId} is ${status}`);
  }
}

export class CallOutNotFoundError extends LotsenError {
  readonly code = 'VOLUNTEER.CALL_OUT_NOT_FOUND';
  constructor(readonly callOutId: string) {
    super(`no call-out ${callOutId}`);
  }
}

/** The outbox kinds of messages to volunteers. */
export const VOLUNTEER_MESSAGES = {
  callOut: 'volunteer.call-out',
  filled: 'volunteer.filled',
  cancelled: 'volunteer.cancelled',
} as const;
