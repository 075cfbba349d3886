import { z } from 'zod';

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text staff write once per language; Swedish is the product's first language. */
export const LocalizedText = z.object({ sv: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
export type LocalizedText = z.infer<typeof LocalizedText>;

const Id = z.string().regex(/^[a-z][a-z0-9.-]*$/, 'must be lower-case letters, digits, dots or dashes');

export const Area = z
  .object({
    id: Id,
    label: LocalizedText,
    /** Short, concrete orientation shown when a person picks the area. */
    intro: LocalizedText,
  })
  .strict();
export type Area = z.infer<typeof Area>;

export const TEXT_KEYS = ['welcome', 'chooseArea', 'notUnderstood', 'anythingElse', 'turnError'] as const;

/**
 * The catalog: everything staff may change without a release. Validated at start; a mistake
 * stops the start with the field (and the line, see the file loader) that is wrong.
 */
export const CatalogSchema = z
  .object({
    municipality: z.string().trim().min(1),
    texts: z.object(Object.fromEntries(TEXT_KEYS.map((key) => [key, LocalizedText])) as Record<(typeof TEXT_KEYS)[number], typeof LocalizedText>).strict(),
    areas: z.array(Area).min(1),
  })
  .strict()
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.areas.forEach((area, index) => {
      if (seen.has(area.id)) ctx.addIssue({ code: 'custom', path: ['areas', index, 'id'], message: `duplicate area id "${area.id}"` });
      seen.add(area.id);
    });
  });

export type Catalog = z.infer<typeof CatalogSchema>;
export type TextKey = (typeof TEXT_KEYS)[number];

/** The text for a key in a language. */
export const textOf = (catalog: Catalog, key: TextKey, language: Language): string => catalog.texts[key][language];
