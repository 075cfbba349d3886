import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { ConfigError } from '../config/index.js';
import { projectPath } from '../config/installation-files.js';

const PLACEHOLDER = /\$\{\{(\w+)\}\}/g;

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
export function manifestSettings(env: NodeJS.ProcessEnv): ManifestSettings {
  const parsed = ManifestEnvironment.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) throw new ConfigError(parsed.error.issues[0]!.path.join('.'), parsed.error.issues[0]!.message);
  return parsed.data;
}

/** The Teams manifest with its `${{VAR}}` placeholders filled; a missing value is named. */
export function fillManifest(template: string, config: ManifestSettings): string {
  if (!config.MicrosoftAppId) throw new ConfigError('MicrosoftAppId', 'is required to build the Teams app package (the bot and the app id)');
  if (!config.PUBLIC_BASE_URL) throw new ConfigError('PUBLIC_BASE_URL', 'is required to build the Teams app package (https address of this service)');
  const base = config.PUBLIC_BASE_URL.replace(/\/$/, '');
  const values: Record<string, string> = { MicrosoftAppId: config.MicrosoftAppId, PUBLIC_BASE_URL: base, PUBLIC_HOST: new URL(base).host };
  return template.replace(PLACEHOLDER, (placeholder, name: string) => {
    if (!(name in values)) throw new Error(`The manifest uses ${placeholder}, which Lotsen does not know`);
    return values[name]!;
  });
}

/** `npm run manifest`: writes build/appPackage/ (manifest.json, icons, appPackage.zip). */
export function buildAppPackage(config: ManifestSettings, outputDir = path.resolve('build', 'appPackage')): string[] {
  const manifestDir = projectPath('manifest');
  const manifest = fillManifest(readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'), config);
  const files: Record<string, Uint8Array> = {
    'manifest.json': new TextEncoder().encode(manifest),
    'color.png': readFileSync(path.join(manifestDir, 'color.png')),
    'outline.png': readFileSync(path.join(manifestDir, 'outline.png')),
  };
  mkdirSync(outputDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(outputDir, name), content);
  writeFileSync(path.join(outputDir, 'appPackage.zip'), zipSync(files));
  return [...Object.keys(files), 'appPackage.zip'].map((name) => path.join(outputDir, name));
}
