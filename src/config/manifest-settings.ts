import { z } from 'zod';
import { ConfigError } from './index.js';

/**
 * What packaging needs, and nothing more: the app's id and the public address. Packaging runs
 * where the app is uploaded, not where Lotsen runs, so it asks for no secret.
 */
export interface ManifestSettings {
  readonly MicrosoftAppId?: string | undefined;
  readonly PUBLIC_BASE_URL?: string | undefined;
}

const ManifestEnvironment = z.object({
  MicrosoftAppId: z.string().trim().min(1).optional(),
  PUBLIC_BASE_URL: z.url({ message: 'must be an absolute URL such as https://lotsen.example.se' }).optional(),
});

/** The packaging settings from the environment (empty values count as unset); a bad one is named. */
export function loadManifestSettings(env: NodeJS.ProcessEnv = process.env): ManifestSettings {
  const parsed = ManifestEnvironment.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) throw new ConfigError(parsed.error.issues[0]!.path.join('.'), parsed.error.issues[0]!.message);
  return parsed.data;
}
