import { z } from 'zod';
import type { VolunteerSettings } from '../catalog/volunteer-settings.js';

const MAX_PLACES = 500;

/**
 * A need as a coordinator creates it (CONTRACTS.md): what, where, when, how many, which skills.
 * Areas and skills are the catalog's ids; the place and the skills are checked against it.
 */
export function needInputSchema(settings: VolunteerSettings) {
  const areas = settings.areas.map((area) => area.id);
  const skills = settings.skills.map((skill) => skill.id);
  return z
    .object({
      title: z.string().trim().min(1).max(120),
      description: z.string().trim().max(1000).optional(),
      area: z.string().refine((area) => areas.includes(area), { message: `must be one of the catalog's areas: ${areas.join(', ')}` }),
      skills: z
        .array(z.string().refine((skill) => skills.includes(skill), { message: `must be one of the catalog's skills: ${skills.join(', ')}` }))
        .max(skills.length)
        .default([]),
      count: z.number().int().min(1).max(MAX_PLACES),
      startsAt: z.iso.datetime({ offset: true }).transform((text) => new Date(text)),
      endsAt: z.iso
        .datetime({ offset: true })
        .transform((text) => new Date(text))
        .optional(),
      crisis: z.boolean().default(false),
    })
    .strict()
    .refine((need) => !need.endsAt || need.endsAt > need.startsAt, { message: 'endsAt must be after startsAt', path: ['endsAt'] });
}
export type NeedInput = z.output<ReturnType<typeof needInputSchema>>;

/** `{ "count": n }`: how many volunteers to ask (default: the catalog's factor times the places). */
export const CallOutRequestSchema = z.object({ count: z.number().int().min(1).max(5_000).optional() }).strict();
