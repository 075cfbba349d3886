import { foldLetters } from '../routing/normalize.js';
import { COMMANDS, type Catalog, type Command } from './schema.js';
import { VOLUNTEER_COMMANDS, type VolunteerCommand } from './volunteer-settings.js';

/** A whole message that asks something of Lotsen itself: a command, or to be answered in another language. */
export type CommandMatch =
  | { readonly command: Command }
  | { readonly command: 'switchLanguage'; readonly language: string }
  /** One of the catalog's `smallTalk` entries, by its index. */
  | { readonly command: 'smallTalk'; readonly entry: number }
  /** Something a volunteer asks of their entry in the register (see it, pause, resume, leave). */
  | { readonly command: 'volunteer'; readonly action: VolunteerCommand };

/** A phrase as it is compared: folded letters, lower case, words only ("Ja, tack!" is "ja tack"). */
export const simplify = (text: string): string =>
  foldLetters(text.toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The simplified catalog phrases (button titles, answer words) seen so far; more than this means it is not only the catalog's. */
const simplifiedPhrases = new Map<string, string>();
const MAX_SIMPLIFIED_PHRASES = 10_000;

/**
 * `simplify` for a phrase of the catalog's (a button title, an answer word): worked out once per
 * phrase, because most turns compare the message with dozens of them.
 */
export function simplifiedPhrase(phrase: string): string {
  let simple = simplifiedPhrases.get(phrase);
  if (simple === undefined) {
    if (simplifiedPhrases.size >= MAX_SIMPLIFIED_PHRASES) simplifiedPhrases.clear();
    simplifiedPhrases.set(phrase, (simple = simplify(phrase)));
  }
  return simple;
}

/**
 * The command a whole message is ("avbryt", "help", "prata med en människa", "in English"), if
 * any. Only the whole message counts, so "jag behöver hjälp med ansökan" is a question, not a
 * command.
 */
export function commandOf(catalog: Catalog, text: string): CommandMatch | undefined {
  const said = simplify(text);
  if (!said || said.length > 60) return undefined;
  if ((COMMANDS as readonly string[]).includes(text.trim())) return { command: text.trim() as Command }; // a button's value
  return phrasesOf(catalog).get(said);
}

// Every turn asks (once per open dialog): the phrases are simplified once per catalog, not per call.
const phraseTables = new WeakMap<Catalog, Map<string, CommandMatch>>();

function phrasesOf(catalog: Catalog): Map<string, CommandMatch> {
  let table = phraseTables.get(catalog);
  if (!table) {
    const entries: [string, CommandMatch][] = [
      ...COMMANDS.flatMap((command) =>
        Object.values(catalog.commands[command])
          .flat()
          .map((phrase): [string, CommandMatch] => [phrase, { command }]),
      ),
      ...Object.entries(catalog.languages).flatMap(([language, settings]) =>
        settings.switch.map((phrase): [string, CommandMatch] => [phrase, { command: 'switchLanguage', language }]),
      ),
      ...VOLUNTEER_COMMANDS.flatMap((action) =>
        Object.values(catalog.volunteers?.commands[action] ?? {})
          .flat()
          .map((phrase): [string, CommandMatch] => [phrase, { command: 'volunteer', action }]),
      ),
      ...catalog.smallTalk.flatMap((talk, entry) =>
        Object.values(talk.phrases)
          .flat()
          .map((phrase): [string, CommandMatch] => [phrase, { command: 'smallTalk', entry }]),
      ),
    ];
    table = new Map();
    for (const [phrase, match] of entries) if (!table.has(simplify(phrase))) table.set(simplify(phrase), match);
    phraseTables.set(catalog, table);
  }
  return table;
}
