import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { ConfigError } from '../config/index.js';
import type { ManifestSettings } from '../config/manifest-settings.js';
import { projectPath } from '../config/installation-files.js';

const PLACEHOLDER = /\$\{\{(\w+)\}\}/g;

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
