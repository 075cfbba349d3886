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

const ROUTES = ['akut', 'anhoriglanken', 'bidrag.foreningsbidrag', 'bidrag.utmarkelse', 'bidrag.verksamhetsstod', 'idelabbet', 'ovrigt', 'volontar.anmalan', 'volontar.vanfamilj', 'volontar.vantjanst'];

describe('npx lotsen classify', () => {
  it('when messages arrive one per line, then one JSON route per line comes back in the same order, with no database', async () => {
    const messages = ['Kan vår förening söka verksamhetsstöd?', 'min pappa andas inte', '', '😀', 'I want to become a volunteer', '<b>hej</b>'];
    const { code, stdout, stderr } = await runWithInput(['classify'], `${messages.join('\n')}\n`);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { route: string; confidence: number });
    expect(lines).toHaveLength(messages.length);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['confidence', 'route']);
      expect(ROUTES).toContain(line.route);
      expect(line.confidence).toBeGreaterThanOrEqual(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
    }
    expect(lines.map((line) => line.route).slice(0, 2)).toEqual(['bidrag.verksamhetsstod', 'akut']);
    expect(lines[4]!.route).toBe('volontar.anmalan');
  });
});

describe('npm run eval:routing', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'lotsen-eval-'));

  it('when given a labelled file, then it prints accuracy, per-route precision/recall, a confusion table and the misrouted messages', async () => {
    const file = path.join(folder, 'labelled.jsonl');
    const rows = [
      { text: 'Hur söker vi verksamhetsstöd från socialnämnden?', route: 'bidrag.verksamhetsstod' },
      { text: 'Jag vill bli besöksvän till en äldre', route: 'volontar.vantjanst' },
      { text: 'När töms soptunnan?', route: 'ovrigt' },
      { text: 'När töms soptunnan?', route: 'idelabbet' }, // deliberately mislabelled: must show as misrouted
      { text: 'Min man slår mig just nu', route: 'akut' },
    ];
    writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n'));
    const { code, stdout } = await runCli(['eval-routing', file, '--folds', '2'], {});
    expect(code).toBe(0);
    expect(stdout).toMatch(/accuracy 80\.0%/);
    expect(stdout).toMatch(/akut recall 100\.0%/);
    expect(stdout).toMatch(/route\s+precision\s+recall/);
    expect(stdout).toMatch(/confusion \(rows: expected, columns: predicted\)/);
    expect(stdout).toMatch(/idelabbet → ovrigt \(\d\.\d\d\): När töms soptunnan\?/);
    expect(stdout).toMatch(/2-fold cross-validation/);
    expect(stdout).toMatch(/training at start \d+ ms .* routing \d+\.\d+ ms per message/);
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
    expect(stdout.trim().split('\n').map((line) => (JSON.parse(line) as { route: string }).route)).toEqual(['idrottsbidrag', 'ovrigt', 'akut']);
  });
});
