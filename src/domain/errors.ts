/**
 * An error's name, code and stack frames, without its message: messages of database and
 * validation errors can quote what the person wrote, which must never reach the logs.
 */
export function errorWithoutMessage(error: unknown): { name: string; code?: unknown; frames?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  return { name: error.name, code: (error as { code?: unknown }).code, frames: error.stack?.split('\n').slice(1).join('\n') };
}
