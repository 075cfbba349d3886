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
  return COMMANDS.find((command) => [...catalog.commands[command].sv, ...catalog.commands[command].en].some((phrase) => simplify(phrase) === said));
}
