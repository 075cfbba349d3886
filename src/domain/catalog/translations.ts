import { z } from 'zod';
import { LanguageCode, type Catalog } from './schema.js';

const Text = z.string().trim().min(1);
const REVIEW_STATUSES = ['machine', 'reviewed'] as const;
const Review = z.enum(REVIEW_STATUSES);

/**
 * `translations/<language>.yaml` beside the catalog: one language's texts, each at the path of
 * the Swedish text it translates (`texts/welcome`, `routes/idelabbet/answer`; list entries by
 * their id, else their position), and the phrases people write in it (`commands/help`). Each
 * text has a review status: `machine` until a person who speaks the language has approved it
 * (the file's `review` is the default; `{ text, review }` sets one text's).
 */
export const TranslationFileSchema = z
  .object({
    language: LanguageCode,
    review: Review.default('machine'),
    texts: z.record(z.string(), z.union([Text, z.object({ text: Text, review: Review }).strict()])).default({}),
    phrases: z.record(z.string(), z.array(Text).min(1)).default({}),
  })
  .strict();
export type TranslationFile = z.infer<typeof TranslationFileSchema>;

type Json = unknown;
const isRecord = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** An object of texts by language with a Swedish one: what a translation is added to. */
const isLocalizedText = (value: Json): value is Record<string, string> =>
  isRecord(value) && typeof value.sv === 'string' && Object.values(value).every((text) => typeof text === 'string');
/** An object of phrase lists by language (commands, answer words, small talk, questions). */
const isPhrasesByLanguage = (value: Json): value is Record<string, string[]> =>
  isRecord(value) && Object.values(value).every((phrases) => Array.isArray(phrases) && phrases.every((phrase) => typeof phrase === 'string'));

/** The value at a translation path: object keys, list entries by id or position. */
function at(root: Json, path: string): Json {
  let value = root;
  for (const segment of path.split('/')) {
    if (Array.isArray(value)) value = value.find((entry: Json) => isRecord(entry) && entry.id === segment) ?? value[Number(segment)];
    else if (isRecord(value)) value = value[segment];
    else return undefined;
  }
  return value;
}

/** Every text of the catalog a translation can fill, by path, with its Swedish original. */
export function translatablePaths(catalog: Catalog): { path: string; text: Record<string, string> }[] {
  const found: { path: string; text: Record<string, string> }[] = [];
  const visit = (value: Json, path: string[]): void => {
    if (isLocalizedText(value)) return void found.push({ path: path.join('/'), text: value });
    if (Array.isArray(value))
      return value.forEach((entry: Json, index) => visit(entry, [...path, isRecord(entry) && typeof entry.id === 'string' ? entry.id : String(index)]));
    if (isRecord(value)) for (const [key, entry] of Object.entries(value)) visit(entry, [...path, key]);
  };
  visit(catalog, []);
  return found;
}

/**
 * The catalog with its translation files' texts and phrases added. A file for a language the
 * catalog does not declare, a path that names no text, or a text the catalog already has in that
 * language stops the start with the file's language and the path.
 */
export function withTranslations(catalog: Catalog, files: readonly TranslationFile[]): Catalog {
  const merged = structuredClone(catalog);
  for (const file of files) {
    const problem = (message: string) => new Error(`translations for "${file.language}": ${message}`);
    if (!merged.languages[file.language]) throw problem(`the catalog does not declare the language (declared: ${Object.keys(merged.languages).join(', ')})`);
    for (const [path, entry] of Object.entries(file.texts)) {
      const target = at(merged, path);
      if (!isLocalizedText(target)) throw problem(`"${path}" is not a text of the catalog`);
      if (target[file.language] !== undefined) throw problem(`"${path}" is written in the catalog already`);
      target[file.language] = typeof entry === 'string' ? entry : entry.text;
    }
    for (const [path, phrases] of Object.entries(file.phrases)) {
      const target = at(merged, path);
      if (!isPhrasesByLanguage(target)) throw problem(`"${path}" is not a list of phrases of the catalog`);
      target[file.language] = [...(target[file.language] ?? []), ...phrases];
    }
  }
  return merged;
}

/** Per language: how many of the catalog's texts it has, how many of those a person has approved, and which are still machine-made or missing. */
export interface TranslationStatus {
  readonly language: string;
  readonly total: number;
  readonly reviewed: number;
  readonly machine: readonly string[];
  readonly missing: readonly string[];
}

/**
 * The review status of every language: texts written in the catalog itself count as reviewed
 * (their authors wrote them); texts from a translation file have the file's status. Paths are
 * those of `translatablePaths` over the catalog without translations.
 */
export function translationReport(catalog: Catalog, files: readonly TranslationFile[]): TranslationStatus[] {
  const paths = translatablePaths(catalog);
  return Object.keys(catalog.languages).map((language) => {
    const file = files.find((candidate) => candidate.language === language);
    const machine: string[] = [];
    const missing: string[] = [];
    let reviewed = 0;
    for (const { path, text } of paths) {
      const entry = file?.texts[path];
      if (text[language] !== undefined) reviewed += 1;
      else if (entry === undefined) missing.push(path);
      else if ((typeof entry === 'string' ? file!.review : entry.review) === 'reviewed') reviewed += 1;
      else machine.push(path);
    }
    return { language, total: paths.length, reviewed, machine, missing };
  });
}
