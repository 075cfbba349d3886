import type { HandoffChange, HandoffView } from '../../domain/handoff/handoff.js';

/** Teams channel links, as the Teams side needs them (the storage layer provides them). */
export interface ChannelLinks {
  link(instanceId: string, channelConversationId: string, reference: object, linkedBy: string): Promise<{ replaced: boolean }>;
  referenceFor(instanceId: string): Promise<Record<string, unknown> | undefined>;
  instancesOf(channelConversationId: string): Promise<string[]>;
}

/** The handoff log, as staff in Teams act on it. */
export interface StaffHandoffs {
  find(id: string): Promise<HandoffView | undefined>;
  list(filter: { status?: string; instanceIds?: readonly string[] }): Promise<HandoffView[]>;
  apply(id: string, change: HandoffChange): Promise<HandoffView>;
}

/** A Teams channel's conversation id without the thread's message part. */
export const channelOf = (conversationId: string): string => conversationId.split(';')[0] ?? conversationId;
