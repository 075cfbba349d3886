import { ActivityTypes, type Activity } from 'botbuilder-core';
import type { Catalog } from '../src/domain/catalog/schema.js';
import { say, type Speech } from './dialog-deps.js';

/**
 * The emergency answer: at once, the numbers first, and never a queue or a handoff. The numbers
 * are a list, one per line (chat windows join single lines into one run-on paragraph).
 */
export function emergencyAnswer(catalog: Catalog, speech: Speech): Partial<Activity> {
  const numbers = catalog.emergency.numbers.map((entry) => `- ${entry.number} – ${say(entry.label, speech === 'both' ? 'sv' : speech)}`);
  return {
    type: ActivityTypes.Message,
    text: `${say(catalog.emergency.answer, speech)}\n\n${numbers.join('\n')}`,
    channelData: { lotsen: { emergency: true } },
  };
}
