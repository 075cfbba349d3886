import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { handoffScript } from '../support/resident-script';
import { startLotsenProcess } from '../support/lotsen-process';
import { openWebChat } from '../support/web-chat-client';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The Dockerfile's runtime stage, read from the Dockerfile itself so that this test installs
 * exactly what the image would: its `npm ci` and the folders it copies from the build stage.
 */
function runtimeStage(): { install: string[]; copied: string[] } {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const stage = dockerfile.slice(dockerfile.search(/^FROM .* AS runtime$/m));
  const install = /^RUN (npm ci [^&\n]*)/m.exec(stage)![1]!.trim().split(/\s+/);
  const copied = [...stage.matchAll(/^COPY --from=build \/app\/(\S+) /gm)].map((match) => match[1]!);
  return { install, copied };
}

/** Build tools and browser bundles that must never be part of the running service's install. */
const NOT_AT_RUN_TIME = [
  'prisma',
  'typescript',
  '@swc/core',
  'jest',
  'eslint',
  'react',
  'botframework-webchat',
  'microsoft-cognitiveservices-speech-sdk',
  'playwright-core',
];

function folderMegabytes(folder: string): number {
  return Number(execFileSync('du', ['-sm', folder], { encoding: 'utf8' }).split('\t')[0]);
}

describe('a production install, made as the Dockerfile makes it', () => {
  let installation: string;
  let dataFolder: string;
  beforeAll(() => {
    installation = mkdtempSync(path.join(tmpdir(), 'lotsen-production-'));
    dataFolder = mkdtempSync(path.join(tmpdir(), 'lotsen-production-data-'));
    const { install, copied } = runtimeStage();
    cpSync(path.join(ROOT, 'package.json'), path.join(installation, 'package.json'));
    cpSync(path.join(ROOT, 'package-lock.json'), path.join(installation, 'package-lock.json'));
    execFileSync(install[0]!, install.slice(1), { cwd: installation, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
    for (const folder of copied) cpSync(path.join(ROOT, folder), path.join(installation, folder), { recursive: true });
  }, 300_000);
  afterAll(() => {
    rmSync(installation, { recursive: true, force: true });
    rmSync(dataFolder, { recursive: true, force: true });
  });

  it('when the production dependencies are installed, then no build tool or browser bundle is among them and the tree stays lean', () => {
    const present = NOT_AT_RUN_TIME.filter((name) => existsSync(path.join(installation, 'node_modules', name)));
    expect(present).toEqual([]);
    // 1.2 GB before the browser bundles were copied at build and the optional peers (Prisma's CLI) left out.
    expect(folderMegabytes(path.join(installation, 'node_modules'))).toBeLessThan(600);
  });

  it('when it starts with NODE_ENV=production and its secrets, then a resident chats on the web to a registered handoff', async () => {
    const running = await startLotsenProcess(
      {
        NODE_ENV: 'production',
        DATABASE_URL: `pglite:${dataFolder}`,
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'not-used-in-this-test',
        MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
        DIRECTLINE_SECRET: 'kY3n9QvTz0pXw7LmA2sRb5UeHf8JgC1d',
      },
      installation,
    );
    try {
      expect(running.output()).not.toMatch(/DEVELOPMENT MODE/);
      const page = await fetch(`${running.baseUrl}/`);
      expect(page.status).toBe(200);
      const webChat = await fetch(`${running.baseUrl}/assets/webchat.js`);
      expect(webChat.status).toBe(200);
      expect((await webChat.text()).length).toBeGreaterThan(1_000_000);

      const resident = await openWebChat(running.baseUrl);
      let replies: Awaited<ReturnType<typeof resident.say>> = [];
      for (const step of handoffScript()) {
        replies = await resident.say(step.say);
        expect(replies.at(-1)?.channelData?.lotsen?.expecting).toBe(step.expect);
      }
      expect(replies.some((reply) => reply.channelData?.lotsen?.handoff)).toBe(true);
    } finally {
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    }
  });
});
