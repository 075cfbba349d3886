import type { AnsweredCallOut, Volunteer, VolunteerEntry } from './volunteer.js';

/** What the conversation needs of the volunteer register (the database provides it). */
export interface VolunteerRegister {
  /** Registers someone, or replaces their entry (a new consent each time). */
  register(entry: VolunteerEntry, now: Date): Promise<Volunteer>;
  findByConversation(conversationId: string): Promise<Volunteer | undefined>;
  /** False when nobody is registered from that chat. */
  setPaused(conversationId: string, paused: boolean, now: Date): Promise<boolean>;
  /** Deletes the entry; false when there was none. */
  forget(conversationId: string): Promise<boolean>;
  /** A yes or no from the chat the call-out was sent to (a call-out of someone else's is "not found"). */
  answer(callOutId: string, yes: boolean, now: Date, fromConversationId?: string): Promise<AnsweredCallOut>;
  /** The latest call-out the volunteer of this chat has not answered, if any. */
  openCallOutOf(conversationId: string): Promise<string | undefined>;
}
