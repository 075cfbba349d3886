/** Lotsen's JSON error shape, for every answer that refuses something (CONTRACTS.md, "Errors"). */
export interface ErrorBody {
  error: { code: string; message: string };
}

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

/**
 * Every error Lotsen raises itself: a stable `code` (`AREA.WHAT`) that callers branch on, and
 * a message for operators that never quotes what a person wrote.
 */
export abstract class LotsenError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Whether `error` is one of Lotsen's errors with one of `codes`, typed as such (no casts at call sites). */
export const hasCode = <Code extends string>(error: unknown, ...codes: readonly Code[]): error is LotsenError & { readonly code: Code } =>
  error instanceof LotsenError && (codes as readonly string[]).includes(error.code);

/**
 * An error's name, code and stack frames, without its message: messages of database and
 * validation errors can quote what the person wrote, which must never reach the logs.
 */
export function errorWithoutMessage(error: unknown): { name: string; code?: unknown; frames?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  return { name: error.name, code: (error as { code?: unknown }).code, frames: error.stack?.split('\n').slice(1).join('\n') };
}

/**
 * The logger's options that keep messages out of the logs by configuration, so log safety does
 * not depend on each call site remembering: every error logged as `err` loses its message, and a
 * bare `logger.error(error)` (which pino would headline with the message) logs it as `err`.
 */
export const safeLogging = {
  serializers: { err: errorWithoutMessage },
  hooks: {
    logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void): void {
      const [first, ...rest] = args;
      if (first instanceof Error) return method.apply(this, [{ err: first }, ...(rest.length > 0 ? rest : [first.name])]);
      return method.apply(this, args);
    },
  },
};
