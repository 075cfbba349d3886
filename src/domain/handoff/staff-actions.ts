import { instanceOf, type Catalog } from '../catalog/schema.js';
import { LotsenError } from '../errors.js';
import { deadlinesFor } from './deadlines.js';
import type { HandoffChange, HandoffView } from './handoff.js';
import { HandoffActionSchema, type StaffActionType } from './lifecycle.js';

/** What a member of staff asks for, from a card's button or the tab, before it is checked. */
export interface StaffActionRequest {
  readonly type: StaffActionType;
  readonly outcome?: unknown;
  readonly instanceId?: unknown;
  readonly reason?: unknown;
  /** The version the person saw (the tab sends it; a card shows the latest anyway). */
  readonly version?: number;
}

/** The action does not fit: an unknown outcome or instance, or a case whose details are erased. */
export class InvalidStaffActionError extends LotsenError {
  readonly code = 'HANDOFF.INVALID_ACTION';
}

export interface StaffActionDeps {
  readonly handoffs: { apply(id: string, change: HandoffChange): Promise<HandoffView> };
  readonly catalog: Catalog;
  readonly clock: () => Date;
}

/**
 * A member of staff acts on a handoff: the one way cards and the tab change a case, so both get
 * the same lifecycle, the same optimistic concurrency and the same history (who, when, why).
 */
export async function actOnHandoff(
  deps: StaffActionDeps,
  handoff: HandoffView,
  request: StaffActionRequest,
  actor: { readonly name: string; readonly id: string },
): Promise<HandoffView> {
  if (handoff.erasedAt) throw new InvalidStaffActionError('The person’s details are erased: the case cannot be acted on.');
  const reason = typeof request.reason === 'string' && request.reason.trim() ? request.reason : undefined;
  const parsed = HandoffActionSchema.safeParse({
    type: request.type,
    by: actor.name,
    byId: actor.id,
    outcome: request.outcome,
    instanceId: request.instanceId,
    ...(reason ? { reason } : {}),
  });
  if (!parsed.success)
    throw new InvalidStaffActionError(`Not a valid ${request.type}: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`);
  const action = parsed.data;
  if (action.type === 'reroute' && (!instanceOf(deps.catalog, action.instanceId) || action.instanceId === handoff.instanceId))
    throw new InvalidStaffActionError(`Cannot reroute to "${action.instanceId}"`);
  const at = deps.clock();
  return deps.handoffs.apply(handoff.id, {
    action,
    at,
    // A case rerouted or reopened gets the deadlines of the instance that has it now.
    ...(action.type === 'reroute' || action.type === 'reopen'
      ? { deadlines: deadlinesFor(deps.catalog, action.type === 'reroute' ? action.instanceId : handoff.instanceId, at) }
      : {}),
    ...(request.version !== undefined ? { expectedVersion: request.version } : {}),
  });
}
