/** The types of resident-script.js (plain JavaScript, so the benchmarks can use it too). */
export interface ResidentMessageOptions {
  readonly channelId?: string;
  readonly from?: string;
  readonly locale?: string;
}
export function residentMessage(text: string, conversationId: string, options?: ResidentMessageOptions): Record<string, unknown>;
export const QUESTIONS: readonly [string, string];
export interface ScriptStep {
  readonly say: string;
  /** What the bot's last reply then asks for (`channelData.lotsen.expecting`). */
  readonly expect: string;
}
export function handoffScript(question?: string): ScriptStep[];
