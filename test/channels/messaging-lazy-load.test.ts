import { spawnSync } from 'node:child_process';
import path from 'node:path';

const DIST = path.resolve(__dirname, '..', '..', 'dist', 'src');

/** Builds the configured platforms in a fresh Node process and says whether bottender was loaded. */
function bottenderLoadedWith(env: Record<string, string>): boolean {
  const script = `
    const { loadConfig } = require(${JSON.stringify(path.join(DIST, 'config', 'index.js'))});
    const { messagingPlatforms } = require(${JSON.stringify(path.join(DIST, 'app', 'messaging-platforms.js'))});
    messagingPlatforms(loadConfig(${JSON.stringify(env)}));
    process.stdout.write(String(Object.keys(require.cache).some((file) => file.includes('/node_modules/bottender/'))));`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout === 'true';
}

describe('bottender is loaded only for a configured platform', () => {
  it('when no messaging app is configured, then no bottender code is loaded', () => {
    expect(bottenderLoadedWith({})).toBe(false);
  });

  it('when Telegram is configured, then bottender is loaded', () => {
    expect(bottenderLoadedWith({ TELEGRAM_ACCESS_TOKEN: '1:x', TELEGRAM_SECRET_TOKEN: 'a-secret-token-of-length' })).toBe(true);
  });
});
