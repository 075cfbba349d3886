import path from 'node:path';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { loadRouter } from '../../src/storage/router-model-file';
import { buttons, languages, newConversation, texts, turn } from '../support/dialog-client';

/**
 * Another municipality's catalog, with steps of its own on its own routes: the dialogs follow
 * the catalog, since no code names a route.
 */
const other = loadCatalogFile(path.join(__dirname, '..', 'fixtures', 'other-municipality.yaml'));
const { router } = loadRouter(other, languages);
const conversation = () => newConversation(undefined, { catalog: other, router });
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

  it('when a route declares a needs question, then it is asked with the catalog\'s options before the offer', async () => {
    const client = conversation();
    await turn(client, 'hej');
    const [, needs] = await turn(client, 'ovrigt');
    expect(needs?.text).toBe(other.routes.find((route) => route.id === 'ovrigt')!.needs!.question.sv);
    expect(buttons(needs)).toEqual(['self', 'association', 'company']);
    expect(texts(await turn(client, 'association')).at(-1)).toMatch(/Medborgarkontoret/);
  });
});
