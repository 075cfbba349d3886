import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Router } from '../../src/domain/routing/router';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { loadLanguageFiles } from '../../src/storage/language-files';
import { bundledRouterModel, loadRouter, readRouterModel, routerFingerprint, writeRouterModel } from '../../src/storage/router-model-file';

const folder = mkdtempSync(path.join(tmpdir(), 'lotsen-router-'));
const catalog = loadCatalogFile();
const languages = loadLanguageFiles();
const messages = ['Kan vår förening söka verksamhetsstöd?', 'min pappa andas inte', 'Jag vill bli volontär', 'أريد أن أصبح متطوعا', 'hej', 'När töms soporna?'];

describe('the stored router model', () => {
  // One router trained here serves the whole file: training takes seconds.
  const trained = Router.fromCatalog(catalog, languages);
  const file = path.join(folder, 'model.bin');
  writeRouterModel(file, trained.toModel(), routerFingerprint(catalog, languages));

  it('when a model is stored and loaded again, then it routes every message exactly as the router it was made from', () => {
    const { router, trained: retrained } = loadRouter(catalog, languages, {}, file);
    expect(retrained).toBe(false);
    for (const text of messages) expect(router.route(text)).toEqual(trained.route(text));
  });

  it('when the catalog has changed since the model was made (a new example), then the router is trained again instead of loaded', () => {
    const changed = {
      ...catalog,
      routes: catalog.routes.map((route, index) =>
        index === 0 ? { ...route, examples: { ...route.examples, sv: [...(route.examples.sv ?? []), 'Ett nytt exempel'] } } : route,
      ),
    };
    expect(routerFingerprint(changed, languages)).not.toBe(routerFingerprint(catalog, languages));
    expect(loadRouter(changed, languages, {}, file).trained).toBe(true);
  });

  it('when a language file has changed, then the fingerprint differs', () => {
    const changed = languages.map((pack) =>
      pack.code === 'sv' ? { ...pack, concepts: { ...pack.concepts, volunteer: [...(pack.concepts.volunteer ?? []), 'frivillig*'] } } : pack,
    );
    expect(routerFingerprint(catalog, changed)).not.toBe(routerFingerprint(catalog, languages));
  });

  it('when the file is missing or not a model, then nothing is read and the router is trained', () => {
    const junk = path.join(folder, 'junk.bin');
    writeFileSync(junk, 'not a model');
    expect(readRouterModel(junk)).toBeUndefined();
    expect(readRouterModel(path.join(folder, 'missing.bin'))).toBeUndefined();
  });

  it("when Lotsen is built, then the bundled catalog's model is beside the code and is used at start", () => {
    expect(readRouterModel(bundledRouterModel())?.fingerprint).toBe(routerFingerprint(catalog, languages));
  });
});
