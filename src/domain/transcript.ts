/** A stored Direct Line activity and its watermark (its position in the conversation). */
export interface StoredActivity {
  readonly watermark: string;
  readonly activity: Record<string, unknown>;
}

/** The transcript of self-hosted Direct Line conversations, shared by every instance. */
export interface TranscriptStore {
  append(conversationId: string, activities: readonly Record<string, unknown>[]): Promise<void>;
  /** Activities after `watermark` (all when undefined), oldest first. */
  since(conversationId: string, watermark: string | undefined, limit: number): Promise<StoredActivity[]>;
  /** Whether the conversation has anything yet (a new one is greeted). */
  isEmpty(conversationId: string): Promise<boolean>;
  /**
   * Deletes the conversation's transcript (the person asked to have their data erased), except
   * `keepActivityId`: the request itself, which the client waits to see echoed.
   */
  forget(conversationId: string, keepActivityId?: string): Promise<void>;
}

/**
 * Word that a conversation's transcript has grown, from whichever instance wrote it to every
 * instance with a web chat stream open on it: the stream then reads what is new. Only the
 * conversation's id travels; the activities stay in the transcript.
 */
export interface ActivityFeed {
  /** Says that `conversationId` has new activities (after they are stored). */
  announce(conversationId: string): Promise<void>;
  /** Calls `wake` whenever the conversation may have new activities; returns how to stop. */
  watch(conversationId: string, wake: () => void): () => void;
  close(): Promise<void>;
}
