import { decideLanguage, FIRST_SPEECH } from '../catalog/languages.js';
import type { Catalog } from '../catalog/schema.js';
import type { LabelledText } from './router.js';
import { guessLanguage } from './language.js';
import { writesSimply } from './simple-writing.js';

/** How often something happens to the messages of one language group (`sv`, `sv-easy`, `en`, `other`). */
export interface LanguageGroupShare {
  readonly group: string;
  readonly total: number;
  /** Messages offered easy Swedish (written simply, and detected as Swedish). */
  readonly offeredEasy: number;
  /** Messages after which the person would be asked which language they want. */
  readonly asked: number;
}

/**
 * How the language steps of the first message do on a labelled file: the easy-Swedish offer
 * should reach the `sv-easy` messages and hardly any `sv` ones; the language question should
 * be rare everywhere.
 */
export function evaluateLanguageSteps(catalog: Pick<Catalog, 'languages' | 'otherLanguages'>, samples: readonly LabelledText[]): LanguageGroupShare[] {
  const groups = new Map<string, { total: number; offeredEasy: number; asked: number }>();
  for (const sample of samples) {
    const group = groups.get(sample.lang ?? 'unknown') ?? { total: 0, offeredEasy: 0, asked: 0 };
    const guess = guessLanguage(sample.text);
    group.total += 1;
    if (guess.language === 'sv' && guess.alternatives.length === 0 && writesSimply(sample.text)) group.offeredEasy += 1;
    if ('choices' in decideLanguage(catalog, FIRST_SPEECH, guess)) group.asked += 1;
    groups.set(sample.lang ?? 'unknown', group);
  }
  return [...groups].map(([group, counts]) => ({ group, ...counts })).sort((a, b) => a.group.localeCompare(b.group));
}

export const formatLanguageSteps = (shares: readonly LanguageGroupShare[]): string =>
  `first message, by language group: ${shares.map((share) => `${share.group} ${share.total} (easy Swedish offered ${share.offeredEasy}, asked which language ${share.asked})`).join('; ')}\n`;
