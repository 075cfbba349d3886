import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { Catalog } from '../domain/catalog/schema.js';
import { staffMemberOf, unknownInstances, type StaffAccess } from '../domain/staff/staff-access.js';
import { entraTokenVerifier } from '../server/entra-tokens.js';
import { developmentTokenAuthenticator, type StaffApiDeps } from '../server/staff-api.js';
import { loadStaffAccessFile } from '../storage/staff-access-file.js';

/**
 * Who a staff bearer token belongs to: the development token (development only), else an Entra
 * ID v2 token of the municipality's tenant, mapped to instances by STAFF_ACCESS_PATH.
 */
export function staffAuthenticator(config: Config, access: StaffAccess, logger: Logger): StaffApiDeps['authenticate'] {
  const development = developmentTokenAuthenticator(config.STAFF_DEV_TOKEN);
  const tenantId = staffTenantOf(config);
  if (!tenantId) return development;

  const verify = entraTokenVerifier({ tenantId, audiences: audiencesOf(config), ...(config.ENTRA_JWKS_URL ? { jwksUrl: config.ENTRA_JWKS_URL } : {}) });
  logger.info({ tenantId, mappedInstances: Object.keys(access.instances).length }, 'staff sign-in with Entra ID');
  return async (token) => {
    const member = await development(token);
    if (member) return member;
    // A JWT has two dots; anything else is not worth a key lookup.
    if (token.split('.').length !== 3) return undefined;
    const identity = await verify(token);
    return identity ? staffMemberOf(identity, access) : undefined;
  };
}

/** The municipality's Entra tenant, whose staff sign in and whose Teams may reach the bot. */
export const staffTenantOf = (config: Config): string | undefined => config.ENTRA_TENANT_ID ?? config.MicrosoftAppTenantId;

/** The staff access file (STAFF_ACCESS_PATH), checked against the catalog's instances. */
export function loadStaffAccess(config: Config, catalog: Catalog): StaffAccess {
  const access = loadStaffAccessFile(config.STAFF_ACCESS_PATH);
  const unknown = unknownInstances(
    access,
    catalog.instances.map((instance) => instance.id),
  );
  if (unknown.length > 0)
    throw new Error(
      `Staff access ${config.STAFF_ACCESS_PATH}: unknown instance ids ${unknown.join(', ')} (the catalog has ${catalog.instances.map((instance) => instance.id).join(', ')})`,
    );
  return access;
}

/** The tab's token audience: as configured, else the ids the Teams manifest's webApplicationInfo uses. */
function audiencesOf(config: Config): string[] {
  if (config.ENTRA_AUDIENCE) return [config.ENTRA_AUDIENCE];
  const appId = config.MicrosoftAppId;
  if (!appId) throw new Error('ENTRA_AUDIENCE is required when MicrosoftAppId is not set (staff tokens need an audience)');
  const host = config.PUBLIC_BASE_URL ? new URL(config.PUBLIC_BASE_URL).host : undefined;
  return [appId, ...(host ? [`api://${host}/${appId}`] : [])];
}
