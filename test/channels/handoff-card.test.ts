import { handoffCard } from '../../src/channels/teams/handoff-card';
import { plainText } from '../../src/channels/teams/plain-text';
import type { HandoffView } from '../../src/domain/handoff/handoff';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { handoffView } from '../support/handoff-views';

const catalog = loadCatalogFile();
const handoff = (contact: HandoffView['contact'], summary: string): HandoffView => handoffView({ contact, summary });

/** What a markdown renderer shows: escapes removed, zero-width spaces invisible. */
const shown = (markdown: string) => markdown.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');

describe('resident text on a staff card', () => {
  const phishing = '[Logga in här](https://evil.example/login)';
  const card = JSON.stringify(
    handoffCard(
      handoff({ name: phishing, phone: '+46701234567', preferredTime: '**Akut** ring www.evil.example' }, '# Rubrik\n- punkt\n<b>fet</b> mejla a@evil.example'),
      catalog,
    ),
  );

  it('when a resident writes markdown or an address into their name, time or summary, then the card shows it as plain text: no link, no formatting', () => {
    expect(card).not.toMatch(/(?<!\\\\)\]\((?!\\\\)/); // no "](" that a renderer would turn into a link
    expect(card).not.toContain('https://evil');
    expect(card).not.toContain('www.evil');
    expect(card).not.toMatch(/(?<!\\\\)\*\*Akut/);
    expect(card).not.toContain('a@evil');
  });

  it('when the escaped text is rendered, then staff read exactly what the resident wrote', () => {
    for (const text of [phishing, '**Akut** ring www.evil.example', 'Förmiddag, helst före 10.00 (inte fredag)', '070-123 45 67 eller a@b.se', 'C:\\temp_1']) {
      expect(shown(plainText(text))).toBe(text);
    }
  });
});
