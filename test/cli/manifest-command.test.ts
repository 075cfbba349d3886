import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.join(__dirname, '..', '..');
const APP_ID = '00000000-0000-4000-8000-000000000002';

describe("the README's packaging command", () => {
  it('when run with MicrosoftAppId and PUBLIC_BASE_URL alone, as the README says, then it writes the app package and asks for no secret', async () => {
    // `PUBLIC_BASE_URL=https://lotsen.ekero.se MicrosoftAppId=<guid> npm run manifest`, with nothing else set.
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('`PUBLIC_BASE_URL=https://lotsen.ekero.se MicrosoftAppId=<guid> npm run manifest`');
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'manifest'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PUBLIC_BASE_URL: 'https://lotsen.ekero.se', MicrosoftAppId: APP_ID },
    });
    expect(
      stdout
        .trim()
        .split('\n')
        .map((file) => path.basename(file)),
    ).toEqual(['manifest.json', 'color.png', 'outline.png', 'appPackage.zip']);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'build', 'appPackage', 'manifest.json'), 'utf8')) as { id: string; validDomains: string[] };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.validDomains).toContain('lotsen.ekero.se');
  });

  it('when PUBLIC_BASE_URL is missing, then it says which setting is needed', async () => {
    const failure = (await promisify(execFile)('node', [path.join(ROOT, 'dist', 'src', 'cli.js'), 'manifest'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, MicrosoftAppId: APP_ID },
    }).catch((error: unknown) => error)) as { code: number; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/PUBLIC_BASE_URL.*required/);
  });
});
