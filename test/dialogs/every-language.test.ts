import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { catalog, expecting, line, newConversation, routeAnswer, texts, turn, keptDrafts } from '../support/dialog-client';

/** A carer's first message as people write it in the language (the router's own examples file). */
const carerMessage = (language: string): string =>
  (parse(readFileSync(path.join(__dirname, '..', '..', 'catalog', 'examples', `${language}.yaml`), 'utf8')) as { routes: Record<string, string[]> }).routes
    .anhoriglanken![0]!;

const NEWCOMER_LANGUAGES = ['ar', 'fa', 'so', 'ti', 'uk'];

describe('a resident in their own language, from the first message to a registered handoff', () => {
  it.each(NEWCOMER_LANGUAGES)('%s: every answer is in the language, and the case records it', async (language) => {
    const registry = keptDrafts();
    const client = newConversation(registry);
    const opening = texts(await turn(client, carerMessage(language)));
    expect(opening[0]).toBe(line('welcome', language));
    expect(opening).toContain(routeAnswer('anhoriglanken', language));
    expect(opening.at(-1)).toBe(
      line('offerHandoff', language, { instance: catalog.instances.find((instance) => instance.id === 'anhorigkonsulent')!.name[language]! }),
    );
    const [consent] = await turn(client, 'yes');
    expect(expecting(consent)).toBe('consent');
    expect(consent?.text).toBe(
      line('consent', language, { instance: catalog.instances.find((instance) => instance.id === 'anhorigkonsulent')!.name[language]! }),
    );
    expect(texts(await turn(client, 'yes'))).toEqual([line('askName', language)]);
    expect(texts(await turn(client, 'Amal Hassan'))).toEqual([line('askContactWay', language)]);
    expect(texts(await turn(client, 'phone'))).toEqual([line('askPhone', language)]);
    await turn(client, '070-123 45 67');
    // Neither Swedish nor English: whether the call needs an interpreter.
    expect(texts(await turn(client, 'timeMorning'))).toEqual([line('askInterpreter', language)]);
    await turn(client, 'yes');
    const review = texts(await turn(client, 'skip'));
    expect(review.at(-1)).toContain('Amal Hassan');
    expect(review.at(-1)).toContain(`${catalog.texts.labelInterpreter[language]}: ${catalog.texts.yes[language]}`);
    const done = texts(await turn(client, 'yes'));
    expect(done.some((text) => text.includes('LOTS-2026-000001'))).toBe(true);
    expect(registry.drafts).toMatchObject([{ language, interpreter: true, routeId: 'anhoriglanken', contact: { name: 'Amal Hassan', phone: '+46701234567' } }]);
  });

  it('easy Swedish, asked for: the answers are the easy-to-read ones, and the case records it', async () => {
    const registry = keptDrafts();
    const client = newConversation(registry);
    await turn(client, 'hej');
    expect(texts(await turn(client, 'lätt svenska'))[0]).toBe(line('languageSwitched', 'sv-lattlast'));
    const opening = texts(await turn(client, 'Jag tar hand om min mamma som har demens och behöver stöd'));
    expect(opening).toContain(routeAnswer('anhoriglanken', 'sv-lattlast'));
    expect(routeAnswer('anhoriglanken', 'sv-lattlast')).not.toBe(routeAnswer('anhoriglanken', 'sv'));
    for (const said of ['yes', 'yes', 'Anna Berg', 'phone', '070-123 45 67', 'timeMorning', 'skip', 'yes']) await turn(client, said);
    // Easy Swedish is Swedish: no interpreter question.
    expect(registry.drafts).toMatchObject([{ language: 'sv-lattlast', interpreter: undefined }]);
  });

  it('a name given in a sentence that ends with a verb (Dari) is read without the verb', async () => {
    const registry = keptDrafts();
    const client = newConversation(registry);
    await turn(client, carerMessage('fa'));
    await turn(client, 'yes');
    await turn(client, 'yes');
    expect(texts(await turn(client, 'اسم من امل حسن است'))).toEqual([line('askContactWay', 'fa')]);
    for (const said of ['phone', '070-123 45 67', 'timeMorning', 'no', 'skip', 'yes']) await turn(client, said);
    expect(registry.drafts).toMatchObject([{ language: 'fa', interpreter: false, contact: { name: 'امل حسن' } }]);
  });

  it('a messaging app’s language hint (Telegram’s language_code) greets in that language before a word is read', async () => {
    const client = newConversation();
    const replies: string[] = [];
    // The first message is only an emoji: nothing to detect, so the platform's hint decides.
    let reply = await client.sendActivity({ type: 'message', text: '👋', locale: 'uk' });
    for (; reply; reply = client.getNextReply()) replies.push(reply.text ?? '');
    expect(replies[0]).toBe(line('welcome', 'uk'));
    expect(replies.at(-1)).toBe(line('chooseArea', 'uk'));
  });
});
