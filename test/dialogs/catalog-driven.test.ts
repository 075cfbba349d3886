import path from 'node:path';
import type { HandoffDraft, HandoffRegistry } from '../../src/domain/handoff/handoff';
import { officeTime } from '../../src/domain/handoff/deadlines';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { loadRouter } from '../../src/storage/router-model-file';
import { buttons, languages, newConversation, texts, turn } from '../support/dialog-client';
import { sayKey } from '../support/texts';

/**
 * Another municipality's catalog, with steps of its own on its own routes: the dialogs follow
 * the catalog, since no code names a route.
 */
const other = loadCatalogFile(path.join(__dirname, '..', 'fixtures', 'other-municipality.yaml'));
const { router } = loadRouter(other, languages);
const conversation = (handoffs?: HandoffRegistry) => newConversation(handoffs, { catalog: other, router });
const sports = other.routes.find((route) => route.id === 'idrottsbidrag')!;

describe('route steps declared in the catalog', () => {
  it('when a route declares an eligibility check, then its questions are asked in order and a yes to all leads to the offer', async () => {
    const client = conversation();
    await turn(client, 'hej');
    const [answer, intro, first] = await turn(client, 'idrottsbidrag');
    expect([answer?.text, intro?.text, first?.text]).toEqual([sports.answer.sv, sports.eligibility!.intro.sv, sports.eligibility!.criteria[0]!.question.sv]);
    expect(texts(await turn(client, 'ja'))).toEqual([sports.eligibility!.criteria[1]!.question.sv]);
    const [verdict, offer] = await turn(client, 'ja');
    expect(verdict?.text).toBe(sports.eligibility!.eligible.sv);
    expect(offer?.text).toMatch(/Fritidskontoret/);
  });

  it('when a criterion is answered no, then its explanation is given and the route it names takes over, with its own needs question', async () => {
    const client = conversation();
    await turn(client, 'hej');
    await turn(client, 'idrottsbidrag');
    await turn(client, 'yes');
    const [verdict, needs] = await turn(client, 'nej');
    expect(verdict?.text).toBe(sports.eligibility!.criteria[1]!.ifNo.sv);
    expect(needs?.text).toBe(other.routes.find((route) => route.id === 'ovrigt')!.needs!.question.sv);
    expect(texts(await turn(client, 'self')).at(-1)).toMatch(/Medborgarkontoret/);
  });

  it("when a route declares a needs question, then it is asked with the catalog's options before the offer", async () => {
    const client = conversation();
    await turn(client, 'hej');
    const [, needs] = await turn(client, 'ovrigt');
    expect(needs?.text).toBe(other.routes.find((route) => route.id === 'ovrigt')!.needs!.question.sv);
    expect(buttons(needs)).toEqual(['self', 'association', 'company']);
    expect(texts(await turn(client, 'association')).at(-1)).toMatch(/Medborgarkontoret/);
  });
});

/** Registers in memory, as the handoff log would, so a test can read what was recorded. */
function handoffsInMemory(): HandoffRegistry & { drafts: HandoffDraft[] } {
  const drafts: HandoffDraft[] = [];
  return {
    drafts,
    register: async (draft) => {
      drafts.push(draft);
      return {
        id: `handoff-${drafts.length}`,
        reference: `LOTS-2026-${drafts.length}`,
        instanceId: draft.instanceId,
        slaDueAt: draft.slaDueAt,
        createdAt: new Date(),
      };
    },
    eraseConversation: async () => [],
  };
}

describe('a third language, added by the catalog alone (the fixture declares Finnish with a few texts)', () => {
  const { texts: text } = other;
  const ovrigt = other.routes.find((route) => route.id === 'ovrigt')!;

  it('when a person asks for Finnish, then Lotsen speaks Finnish where the catalog has it and Swedish, its fallback, where it does not', async () => {
    const client = conversation();
    await turn(client, 'hej');
    expect(texts(await turn(client, 'suomeksi'))[0]).toBe(text.languageSwitched.fi);
    const [answer, needs] = await turn(client, 'ovrigt');
    expect(answer?.text).toBe(ovrigt.answer.fi);
    expect(needs?.text).toBe(ovrigt.needs!.question.sv);
    const [offer] = await turn(client, 'self');
    expect(offer?.text).toBe(text.offerHandoff.fi!.replace('{instance}', 'kansalaistoimisto'));
    expect(offer?.suggestedActions?.actions.map((action) => action.title)).toEqual([text.yes.fi, text.no.fi]);
    // Finnish yes-words from the catalog answer the question; the consent has no Finnish text yet, so it is the Swedish one.
    const [consent] = await turn(client, 'kyllä');
    expect(consent?.text).toBe(sayKey(other, 'consent', 'fi', { instance: 'kansalaistoimisto' }));
    expect(consent?.text?.startsWith(text.consent.sv.slice(0, 30))).toBe(true);
    // The privacy notice it links to is asked for in the person's language.
    expect(consent?.text).toContain('[/integritet?lang=fi](/integritet?lang=fi)');
  });

  it('when the web page is in Finnish, then the greeting is', async () => {
    const client = conversation();
    const replies: string[] = [];
    let reply = await client.sendActivity({ type: 'conversationUpdate', membersAdded: [{ id: 'user', name: '' }], locale: 'fi-FI' });
    for (; reply; reply = client.getNextReply()) replies.push(reply.text ?? '');
    expect(replies).toEqual([expect.stringMatching(/^Hei! Olen Lotsen/), text.chooseArea.fi]);
  });

  it('when a handoff is made in Finnish, then it records Finnish and the person reads the date in Finnish', async () => {
    const handoffs = handoffsInMemory();
    const client = conversation(handoffs);
    await turn(client, 'hej');
    await turn(client, 'suomeksi');
    await turn(client, 'ovrigt');
    await turn(client, 'self');
    for (const answer of ['kyllä', 'ja', 'Aino Virtanen', 'telefon', '0701234567', 'timeAnytime']) await turn(client, answer);
    // Finnish is not one of the catalog's other languages (Swedish, English): the interpreter is asked about.
    await turn(client, 'ei');
    await turn(client, 'skip');
    const [registered] = await turn(client, 'ja');
    expect(handoffs.drafts).toEqual([expect.objectContaining({ language: 'fi', routeId: 'ovrigt', need: 'self', interpreter: false })]);
    const due = officeTime(other, 'fi-FI', { weekday: 'long', day: 'numeric', month: 'long' }).format(handoffs.drafts[0]!.slaDueAt);
    expect(due).toMatch(/[a-zä]+ \d+\. [a-zä]+ta/); // e.g. "torstai 3. joulukuuta"
    expect(registered?.text).toBe(
      `Kiitos Aino Virtanen! Asiasi on kirjattu viitteellä LOTS-2026-1. kansalaistoimisto ottaa sinuun yhteyttä viimeistään ${due}.`,
    );
  });
});
