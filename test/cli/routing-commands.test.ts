import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIST, runCli } from '../support/lotsen-process';

/** Runs the built CLI with `input` on stdin. */
function runWithInput(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), ...args], { env: { PATH: process.env.PATH } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const ROUTES = [
  'akut',
  'anhoriglanken',
  'bidrag.foreningsbidrag',
  'bidrag.utmarkelse',
  'bidrag.verksamhetsstod',
  'idelabbet',
  'ovrigt',
  'volontar.anmalan',
  'volontar.vanfamilj',
  'volontar.vantjanst',
];

describe('npx lotsen classify', () => {
  it('when messages arrive one per line, then one JSON route per line comes back in the same order, with no database', async () => {
    const messages = ['Kan vår förening söka verksamhetsstöd?', 'min pappa andas inte', '', '😀', 'I want to become a volunteer', '<b>hej</b>'];
    const { code, stdout, stderr } = await runWithInput(['classify'], `${messages.join('\n')}\n`);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    type Scored = { route: string; confidence: number };
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Scored & { alternatives: Scored[] });
    expect(lines).toHaveLength(messages.length);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['alternatives', 'confidence', 'route']);
      for (const scored of [line, ...line.alternatives]) {
        expect(ROUTES).toContain(scored.route);
        expect(scored.confidence).toBeGreaterThanOrEqual(0);
        expect(scored.confidence).toBeLessThanOrEqual(1);
      }
      expect(line.alternatives.map((alternative) => alternative.route)).not.toContain(line.route);
    }
    expect(lines.map((line) => line.route).slice(0, 2)).toEqual(['bidrag.verksamhetsstod', 'akut']);
    expect(lines[4]!.route).toBe('volontar.anmalan');
  });

  it('when a message is routed, then the next likeliest routes come as alternatives, likeliest first; an emergency has none', async () => {
    const { stdout } = await runWithInput(['classify'], 'Hur mycket pengar kan vår förening få?\nmin pappa andas inte\n');
    const [grant, emergency] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { route: string; confidence: number; alternatives: { route: string; confidence: number }[] });
    expect(grant!.alternatives.length).toBeGreaterThanOrEqual(2);
    const confidences = [grant!.confidence, ...grant!.alternatives.map((alternative) => alternative.confidence)];
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    expect([grant!.route, ...grant!.alternatives.map((alternative) => alternative.route)].slice(0, 2).sort()).toEqual([
      'bidrag.foreningsbidrag',
      'bidrag.verksamhetsstod',
    ]);
    expect(emergency).toEqual({ route: 'akut', confidence: 1, alternatives: [] });
  });
});

describe('npm run eval:routing', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'lotsen-eval-'));

  it('when given a labelled file, then it prints accuracy, per-route precision/recall, a confusion table and the misrouted messages', async () => {
    const file = path.join(folder, 'labelled.jsonl');
    const rows = [
      { text: 'Hur söker vi verksamhetsstöd från socialnämnden?', route: 'bidrag.verksamhetsstod', kind: 'plain', lang: 'sv' },
      { text: 'Jag vill bli besöksvän till en äldre', route: 'volontar.vantjanst', kind: 'plain', lang: 'sv' },
      { text: 'När töms soptunnan?', route: 'ovrigt', kind: 'plain', lang: 'sv' },
      { text: 'När töms soptunnan?', route: 'idelabbet', kind: 'typo', lang: 'sv' }, // deliberately mislabelled: must show as misrouted
      { text: 'Min man slår mig just nu', route: 'akut', kind: 'plain', lang: 'sv' },
      { text: 'My husband is hitting me right now', route: 'akut', kind: 'plain', lang: 'en' },
      { text: 'Mi marido me está pegando ahora mismo', route: 'akut', kind: 'plain', lang: 'other', langName: 'Spanish' },
    ];
    writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n'));
    const { code, stdout } = await runCli(['eval-routing', file, '--folds', '2'], {});
    expect(code).toBe(0);
    expect(stdout).toMatch(/accuracy 85\.7%/);
    expect(stdout).toMatch(/akut caught 3\/3/);
    expect(stdout).toMatch(/false akut 0 \(0\.0% of the others\)/);
    expect(stdout).toMatch(/confidently wrong \d+ \(\d+\.\d%\)/);
    expect(stdout).toMatch(/\nplain\s+100\.0%\s+6\/6\n/);
    expect(stdout).toMatch(/\ntypo\s+0\.0%\s+0\/1\n/);
    expect(stdout).toMatch(/\nsv\s+80\.0%\s+4\/5\n/);
    expect(stdout).toMatch(/\nother: Spanish\s+100\.0%\s+1\/1\n/);
    expect(stdout).toMatch(/route\s+precision\s+recall/);
    expect(stdout).toMatch(/confusion \(rows: expected, columns: predicted\)/);
    expect(stdout).toMatch(/idelabbet → ovrigt \(\d\.\d\d(, asks)?\) \[typo, sv\]: När töms soptunnan\?/);
    expect(stdout).toMatch(/2-fold cross-validation/);
    expect(stdout).toMatch(/training at start \d+ ms .* routing \d+\.\d+ ms per message on average, p99 \d+\.\d+ ms/);
  });

  it('when a line is not valid, then the error names the line', async () => {
    const file = path.join(folder, 'broken.jsonl');
    writeFileSync(file, '{"text":"hej","route":"ovrigt"}\n{"text": 5}\n');
    const { code, stderr } = await runCli(['eval-routing', file], {});
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.jsonl line 2: text /);
  });
});

describe('another municipality', () => {
  it('when CATALOG_PATH points to its catalog, then classify routes by its routes only', async () => {
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), 'classify'], {
      env: { PATH: process.env.PATH, CATALOG_PATH: path.join(__dirname, '..', 'fixtures', 'other-municipality.yaml') },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin.end('Kan vår handbollsklubb få bidrag?\nnär töms soporna\nmin son andas inte\n');
    await new Promise((resolve) => child.once('close', resolve));
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { route: string }).route),
    ).toEqual(['idrottsbidrag', 'ovrigt', 'akut']);
  });
});

describe('npx lotsen outbox retry', () => {
  it('when run against a database, then it puts given-up notifications back in the queue and says how many; without "retry" it shows its usage', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lotsen-outbox-'));
    const env = { DATABASE_URL: `pglite:${folder}` };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const retried = await runCli(['outbox', 'retry'], env);
    expect(retried).toMatchObject({ code: 0, stdout: expect.stringMatching(/^0 notification\(s\) back in the queue/) });
    const wrong = await runCli(['outbox'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Usage: lotsen outbox retry/);
  }, 60_000);
});
