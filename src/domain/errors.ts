/** Lotsen's JSON error shape, for every answer that refuses something (CONTRACTS.md, "Errors"). */
export interface ErrorBody {
  error: { code: string; message: string };
}

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

/**
 * An error's name, code and stack frames, without its message: messages of database and
 * validation errors can quote what the person wrote, which must never reach the logs.
 */
export function errorWithoutMessage(error: unknown): { name: string; code?: unknown; frames?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  return { name: error.name, code: (error as { code?: unknown }).code, frames: error.stack?.split('\n').slice(1).join('\n') };
}
