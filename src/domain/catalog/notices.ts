import { z } from 'zod';
import { LocalizedText } from './localized-text.js';

const Text = z.string().trim().min(1);
/** A date written as 2026-12-01: when a notice was last changed, or a test was made. */
const IsoDate = z.iso.date({ message: 'must be a date such as 2026-12-01' });

/**
 * How long Lotsen keeps something: the periods are configured (environment and catalog), so the
 * notice names a period and the page writes its length as configured, never a copy of it.
 */
export const RETENTION_PERIODS = ['chat', 'conversation', 'handoff', 'audit', 'volunteer'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

/**
 * The facts of the privacy notice (GDPR articles 13 and 14) that only the municipality knows:
 * who is responsible, why each piece of data is processed and on which legal basis, who
 * receives it. What Lotsen itself does (the retention periods, the erasure command, the
 * messaging apps that are turned on) is filled in from its configuration.
 */
export const PrivacyNoticeFacts = z
  .object({
    /**
     * False until the municipality's data protection officer has confirmed these facts: the
     * page then says it is a draft, and a production start warns.
     */
    confirmed: z.boolean(),
    /** When the notice last changed (its version). */
    updated: IsoDate,
    /** The controller: the committee responsible for Lotsen, and where to write to it. */
    controller: z.object({ name: LocalizedText, address: Text, organisationNumber: Text.optional() }).strict(),
    dataProtectionOfficer: z.object({ email: z.email(), phone: Text.optional() }).strict(),
    /** Each purpose: what is processed, the legal basis (article and the law behind it), and which configured period it is kept for. */
    purposes: z.array(z.object({ purpose: LocalizedText, data: LocalizedText, legalBasis: LocalizedText, kept: z.enum(RETENTION_PERIODS) }).strict()).min(1),
    /** What carers write about someone's health (GDPR article 9): the legal basis and what to write. */
    healthData: LocalizedText,
    /** Organisations that may receive a case besides the instances (the partners of anhöriglänken) and on what terms. */
    partners: LocalizedText.optional(),
    /** Processors: who handles the data on the municipality's behalf, and any transfer outside the EU/EEA. */
    processors: z.array(z.object({ name: Text, role: LocalizedText, transfer: LocalizedText.optional() }).strict()).min(1),
    /** Public documents: what the law on archives and public access means for a case. */
    publicRecords: LocalizedText,
  })
  .strict();
export type PrivacyNoticeFacts = z.infer<typeof PrivacyNoticeFacts>;

/**
 * The facts of the accessibility statement (the law on accessibility of digital public service,
 * DOS-lagen, and Digg's model): how accessible Lotsen is, how that was tested, what is known not
 * to work, and how to report it.
 */
export const AccessibilityStatementFacts = z
  .object({
    updated: IsoDate,
    /** The last assessment, and how it was made (automated checks, manual review, with users). */
    tested: z.object({ on: IsoDate, how: z.array(LocalizedText).min(1) }).strict(),
    /** Fully or partly compliant with WCAG 2.1 AA: "full" is honest only with no known limitation. */
    compliance: z.enum(['full', 'partial', 'none']),
    /** What is known not to work, each with the WCAG criterion it fails (if any) and what to do instead. */
    limitations: z.array(
      z
        .object({
          criterion: z
            .string()
            .regex(/^\d\.\d\.\d{1,2}$/, 'must be a WCAG success criterion such as 2.2.1')
            .optional(),
          text: LocalizedText,
        })
        .strict(),
    ),
    /** Working days within which a report of a problem is answered. */
    answerWithinWorkingDays: z.number().int().min(1).max(30),
    /** Digg's form for reporting a public website's lack of accessibility. */
    supervisorComplaintUrl: z.url(),
  })
  .strict()
  .refine((facts) => facts.compliance !== 'full' || facts.limitations.length === 0, {
    message: 'compliance cannot be "full" while limitations are listed',
    path: ['compliance'],
  });
export type AccessibilityStatementFacts = z.infer<typeof AccessibilityStatementFacts>;
