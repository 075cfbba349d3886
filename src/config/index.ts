import { existsSync } from 'node:fs';
import { EnvSchema, type Config } from './schema.js';

export type { Config } from './schema.js';

/** A configuration problem, phrased as one line an operator can act on. */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Configuration error: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once. The only place in Lotsen that reads `process.env`
 * (`src/index.ts` and the CLI pass it in). Never echoes values: some are secrets.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = issue.path.map(String).join('.') || 'environment';
    throw new ConfigError(variable, issue.message.replace(/^Invalid input: /, ''));
  }
  // Teams when the bot has Bot Framework credentials; the log otherwise (development).
  return Object.freeze({ ...parsed.data, NOTIFIER: parsed.data.NOTIFIER ?? (parsed.data.MicrosoftAppId ? 'teams' : 'log') });
}

/** Development mode: no Bot Framework credentials, authentication off as with the Emulator. */
export const isDevelopmentMode = (config: Config): boolean => !config.MicrosoftAppId;

/** Adds a `.env` file in the working folder (if there is one) to the environment; what the environment already has wins. */
export function loadEnvironmentFile(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
