import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LabelledText } from '../domain/routing/router.js';

const LabelledLine = z.object({
  text: z.string(),
  route: z.string().min(1),
  lang: z.string().optional(),
  langName: z.string().optional(),
  kind: z.string().optional(),
  note: z.string().optional(),
});

/** Reads a labelled JSONL file (one `{"text","route"}` per line); a bad line is named by number. */
export function readLabelledFile(file: string): LabelledText[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${file} line ${number}: not valid JSON`);
      }
      const parsed = LabelledLine.safeParse(json);
      if (!parsed.success) throw new Error(`${file} line ${number}: ${parsed.error.issues[0]!.path.join('.') || 'line'} ${parsed.error.issues[0]!.message}`);
      const { text, route, kind, lang, langName } = parsed.data;
      return { text, route, ...(kind && { kind }), ...(lang && { lang }), ...(langName && { langName }) };
    });
}
