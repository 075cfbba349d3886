import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { buildAppPackage } from '../../src/cli/manifest';
import { loadManifestSettings as manifestSettings } from '../../src/config/manifest-settings';

// Packaging needs the app's id and the public address, no secret.
const config = manifestSettings({ MicrosoftAppId: '00000000-0000-4000-8000-000000000001', PUBLIC_BASE_URL: 'https://lotsen.ekero.se' });
const schema = JSON.parse(
  readFileSync(
    path.join(__dirname, '..', '..', 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams', 'v1.30', 'MicrosoftTeams.schema.json'),
    'utf8',
  ),
) as object;
// The schema's string formats (uri, email…) are checked, not ignored with a warning.
const teamsSchema = () => addFormats(new Ajv({ allErrors: true, strict: false })).compile(schema);
const pngSize = (png: Uint8Array) => ({ width: Buffer.from(png).readUInt32BE(16), height: Buffer.from(png).readUInt32BE(20) });

describe('npm run manifest', () => {
  const output = mkdtempSync(path.join(tmpdir(), 'lotsen-manifest-'));
  const files = buildAppPackage(config, output);

  it('when filled from configuration, then the manifest is valid against the official Teams schema and no placeholder is left', () => {
    const text = readFileSync(path.join(output, 'manifest.json'), 'utf8');
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text) as {
      id: string;
      bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
      validDomains: string[];
      webApplicationInfo: { id: string };
      staticTabs: unknown[];
    };
    const validate = teamsSchema();
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    expect(manifest).toMatchObject({ id: config.MicrosoftAppId, validDomains: ['lotsen.ekero.se'], webApplicationInfo: { id: config.MicrosoftAppId } });
    expect(manifest.bots[0]!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.bots[0]!.commandLists[0]!.commands.map((command) => command.title)).toEqual(['hjälp', 'kö', 'mina ärenden']);
    expect(manifest.staticTabs).toHaveLength(1);
  });

  it('the schema check is real: a manifest without a name or with a wrong scope fails it', () => {
    const manifest = JSON.parse(readFileSync(path.join(output, 'manifest.json'), 'utf8')) as Record<string, unknown> & { bots: { scopes: string[] }[] };
    const validate = teamsSchema();
    const { name: _name, ...nameless } = manifest;
    expect(validate(nameless)).toBe(false);
    manifest.bots[0]!.scopes = ['everyone'];
    expect(validate(manifest)).toBe(false);
  });

  it('writes the package zip with the manifest and the 192×192 colour and 32×32 outline icons', () => {
    expect(files.map((file) => path.basename(file))).toEqual(['manifest.json', 'color.png', 'outline.png', 'appPackage.zip']);
    const zip = unzipSync(readFileSync(path.join(output, 'appPackage.zip')));
    expect(Object.keys(zip).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(pngSize(zip['color.png']!)).toEqual({ width: 192, height: 192 });
    expect(pngSize(zip['outline.png']!)).toEqual({ width: 32, height: 32 });
  });

  it('when PUBLIC_BASE_URL is missing, then the error names it', () => {
    expect(() => buildAppPackage(manifestSettings({ MicrosoftAppId: 'x' }), output)).toThrow(/PUBLIC_BASE_URL/);
  });
});
