import { ActivityTypes, type Activity } from 'botbuilder-core';
import type { Speech } from '../src/domain/catalog/languages.js';
import type { Catalog } from '../src/domain/catalog/schema.js';
import { phoneLink } from '../src/domain/markdown.js';
import { Voice } from './dialog-deps.js';

/**
 * The emergency answer: at once, the numbers first, and never a queue or a handoff. The numbers
 * are a list, one per line (chat windows join single lines into one run-on paragraph).
 */
export function emergencyAnswer(catalog: Catalog, speech: Speech): Partial<Activity> {
  const voice = new Voice(catalog, speech);
  const numbers = catalog.emergency.numbers.map((entry) => `- ${phoneLink(entry.number)} – ${voice.title(entry.label)}`);
  return {
    type: ActivityTypes.Message,
    text: `${voice.say(catalog.emergency.answer)}\n\n${numbers.join('\n')}`,
    channelData: { lotsen: { emergency: true } },
  };
}
