import { z } from 'zod';
import { jsonProblem } from '../domain/json-shape.js';

/** The longest id accepted: Teams' longest are about 150 characters; state and limits are kept per id. */
const MAX_ID_LENGTH = 400;

/**
 * The least an inbound Bot Framework activity must carry for Lotsen to answer it: state is keyed
 * by channel, conversation and user, and replies go to `serviceUrl` unless they come back in
 * the response (`expectReplies`). Everything else passes through to botbuilder untouched.
 */
export const InboundActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(256).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().max(2048).optional(),
    deliveryMode: z.string().max(32).optional(),
    conversation: z.looseObject({ id: z.string().min(1).max(MAX_ID_LENGTH) }),
    from: z.looseObject({ id: z.string().min(1).max(MAX_ID_LENGTH) }),
    recipient: z.looseObject({ id: z.string().min(1).max(MAX_ID_LENGTH) }).optional(),
    text: z.string().max(10_000).optional(),
    locale: z.string().max(20).optional(),
  })
  .loose()
  .refine((activity) => activity.type !== 'invoke' || activity.name !== 'adaptiveCard/action' || isCardAction(activity.value), {
    path: ['value', 'action'],
    message: 'an adaptiveCard/action invoke needs value.action with a type and a verb',
  })
  .refine((activity) => activity.deliveryMode === 'expectReplies' || Boolean(activity.serviceUrl), {
    path: ['serviceUrl'],
    message: 'is required unless deliveryMode is "expectReplies"',
  });

/** One line saying what is wrong with an activity, naming the field; never echoes its content. */
export function describeInvalidActivity(body: unknown): string | undefined {
  const parsed = InboundActivitySchema.safeParse(body);
  // The fields Lotsen reads first; then what nobody could store or format (NULs, absurd nesting).
  if (parsed.success) return jsonProblem(body);
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'body';
  return `${field}: ${issue.message}`;
}

function isCardAction(value: unknown): boolean {
  const action = (value as { action?: { type?: unknown; verb?: unknown } } | null)?.action;
  return typeof action === 'object' && action !== null && typeof action.type === 'string' && typeof action.verb === 'string';
}
