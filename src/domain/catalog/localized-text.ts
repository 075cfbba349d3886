import { z } from 'zod';

/**
 * A text staff write once per language (a language code to the text). Swedish, the product's
 * first language, is required; a language without the text takes it from its fallback chain
 * (see `languages`), so a new language can start with a few texts and grow.
 */
export const LocalizedText = z.object({ sv: z.string().trim().min(1) }).catchall(z.string().trim().min(1));
export type LocalizedText = z.infer<typeof LocalizedText>;
