import { foldLetters } from '../routing/normalize.js';
import { COMMANDS, type Catalog, type Command } from './schema.js';

const simplify = (text: string): string => foldLetters(text.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * The command a whole message is ("avbryt", "help", "prata med en människa"), if any. Only the
 * whole message counts, so "jag behöver hjälp med ansökan" is a question, not a command.
 */
export function commandOf(catalog: Catalog, text: string): Command | undefined {
  const said = simplify(text);
  if (!said || said.length > 60) return undefined;
  if ((COMMANDS as readonly string[]).includes(text.trim())) return text.trim() as Command; // a button's value
  return phrasesOf(catalog).get(said);
}

// Every turn asks (once per open dialog): the phrases are simplified once per catalog, not per call.
const phraseTables = new WeakMap<Catalog, Map<string, Command>>();

function phrasesOf(catalog: Catalog): Map<string, Command> {
  let table = phraseTables.get(catalog);
  if (!table) {
    table = new Map();
    for (const command of COMMANDS) {
      for (const phrase of [...catalog.commands[command].sv, ...catalog.commands[command].en]) if (!table.has(simplify(phrase))) table.set(simplify(phrase), command);
    }
    phraseTables.set(catalog, table);
  }
  return table;
}
