import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedFromTemplate } from '../../src/storage/pglite-cluster';
import { DIST, startLotsenProcess } from '../support/lotsen-process';
import { message, postActivity } from '../support/test-app';

/** pg_control begins with the cluster's system identifier, chosen at random by each initdb. */
const systemIdentifier = (cluster: string) =>
  readFileSync(path.join(cluster, 'global', 'pg_control'))
    .subarray(0, 8)
    .toString('hex');

describe('a new embedded database is copied from the template cluster made at build time', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'lotsen-seed-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  const fakeTemplate = () => {
    const template = path.join(scratch, 'template');
    mkdirSync(path.join(template, 'base'), { recursive: true });
    writeFileSync(path.join(template, 'base', 'relation'), 'template data');
    writeFileSync(path.join(template, 'PG_VERSION'), '17\n');
    return template;
  };

  it('when the folder is empty, then the whole template is copied and PG_VERSION marks it a cluster', () => {
    const folder = path.join(scratch, 'data');
    mkdirSync(folder);
    expect(seedFromTemplate(folder, fakeTemplate())).toBe(true);
    expect(readFileSync(path.join(folder, 'base', 'relation'), 'utf8')).toBe('template data');
    expect(readFileSync(path.join(folder, 'PG_VERSION'), 'utf8')).toBe('17\n');
  });

  it('when the folder already is a cluster, then nothing in it is touched', () => {
    const folder = path.join(scratch, 'data');
    mkdirSync(path.join(folder, 'base'), { recursive: true });
    writeFileSync(path.join(folder, 'PG_VERSION'), '17\n');
    writeFileSync(path.join(folder, 'base', 'relation'), 'residents data');
    expect(seedFromTemplate(folder, fakeTemplate())).toBe(false);
    expect(readFileSync(path.join(folder, 'base', 'relation'), 'utf8')).toBe('residents data');
  });

  it('when an earlier copy was cut short (no PG_VERSION yet), then it is copied again over the remains', () => {
    const folder = path.join(scratch, 'data');
    mkdirSync(path.join(folder, 'base'), { recursive: true });
    writeFileSync(path.join(folder, 'base', 'relation'), 'half');
    expect(seedFromTemplate(folder, fakeTemplate())).toBe(true);
    expect(readFileSync(path.join(folder, 'base', 'relation'), 'utf8')).toBe('template data');
  });

  it('when there is no template (a build without it), then nothing is copied and PGlite makes the cluster itself', () => {
    const folder = path.join(scratch, 'data');
    mkdirSync(folder);
    expect(seedFromTemplate(folder, path.join(scratch, 'missing'))).toBe(false);
    expect(existsSync(path.join(folder, 'PG_VERSION'))).toBe(false);
  });

  it('when the built service starts on an empty folder, then it runs on a copy of dist/pglite-template and answers', async () => {
    const template = path.join(DIST, '..', 'pglite-template');
    const folder = path.join(scratch, 'data');
    const running = await startLotsenProcess({ DATABASE_URL: `pglite:${folder}` });
    try {
      expect((await postActivity(running.baseUrl, message('hej'))).texts.length).toBeGreaterThan(0);
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    expect(systemIdentifier(folder)).toBe(systemIdentifier(template));
  });
});
