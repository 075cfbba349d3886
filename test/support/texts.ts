import type { Speech } from '../../src/domain/catalog/languages';
import type { Catalog, TextKey } from '../../src/domain/catalog/schema';
import { Voice } from '../../dialogs/dialog-deps';

/** A catalog text as Lotsen says it in one language (or a speech of several), placeholders filled. */
export const sayKey = (catalog: Catalog, key: TextKey, speech: string | Speech = 'sv', values: Readonly<Record<string, string | number>> = {}): string =>
  new Voice(catalog, typeof speech === 'string' ? [speech] : speech).text(key, values);
