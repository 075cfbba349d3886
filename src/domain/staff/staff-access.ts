import { z } from 'zod';

/** Who a validated staff token says the person is (Entra ID claims). */
export interface StaffIdentity {
  /** The Entra object id (`oid`): stable, unlike names and e-mail addresses. */
  readonly id: string;
  readonly name: string;
  readonly groups: readonly string[];
  readonly roles: readonly string[];
}

/** Who is asking, and which instances' handoffs they may see (`all` for administrators). */
export interface StaffMember {
  readonly id: string;
  readonly name: string;
  readonly instances: readonly string[] | 'all';
}

/** The Entra app role that sees every instance. */
export const ADMIN_ROLE = 'Lotsen.Admin';

const EntraIds = z
  .object({
    users: z.array(z.uuid()).default([]),
    groups: z.array(z.uuid()).default([]),
  })
  .strict();

/**
 * Which Entra users and groups work for which instance (`instances.<id>`), and who administers
 * Lotsen (`admins`, like the app role). Object ids, not names: names change and collide.
 */
export const StaffAccessSchema = z
  .object({
    admins: EntraIds.default({ users: [], groups: [] }),
    instances: z.record(z.string().min(1), EntraIds).default({}),
  })
  .strict();

export type StaffAccess = z.infer<typeof StaffAccessSchema>;

const matches = (ids: z.infer<typeof EntraIds>, identity: StaffIdentity) =>
  ids.users.includes(identity.id) || ids.groups.some((group) => identity.groups.includes(group));

/**
 * The instances a person may see: all for the admin role or an admin mapping, else every
 * instance whose users or groups include them. An empty list means "known, but no access".
 */
export function staffMemberOf(identity: StaffIdentity, access: StaffAccess): StaffMember {
  const admin = identity.roles.includes(ADMIN_ROLE) || matches(access.admins, identity);
  const instances = admin
    ? ('all' as const)
    : Object.entries(access.instances)
        .filter(([, ids]) => matches(ids, identity))
        .map(([instanceId]) => instanceId);
  return { id: identity.id, name: identity.name, instances };
}

/** Instance ids in the mapping that the catalog does not know (a typo would silently lock staff out). */
export const unknownInstances = (access: StaffAccess, known: readonly string[]): string[] =>
  Object.keys(access.instances).filter((instanceId) => !known.includes(instanceId));

/**
 * Whether a person may link a Teams channel to an instance (the channel then receives the
 * instance's handoffs): a user mapped to it or an administrator, by Entra object id. Teams tells
 * who someone is, not their groups or app roles, so only user mappings count here.
 */
export const mayLinkChannel = (access: StaffAccess, userId: string, instanceId: string): boolean =>
  access.admins.users.includes(userId) || (access.instances[instanceId]?.users.includes(userId) ?? false);
