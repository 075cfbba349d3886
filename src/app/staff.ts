import type { Logger } from 'pino';
import { TeamsStaffHandler } from '../channels/teams/teams-staff.js';
import { isDevelopmentMode, type Config } from '../config/index.js';
import type { Catalog } from '../domain/catalog/schema.js';
import { mayLinkChannel, staffMemberOf, type StaffAccess } from '../domain/staff/staff-access.js';
import type { StaffApiDeps } from '../server/staff-api.js';
import { PrismaAuditLog } from '../storage/audit-log.js';
import type { Database } from '../storage/database.js';
import type { PrismaHandoffRepository } from '../storage/handoff-repository.js';
import { PrismaTeamsLinkRepository } from '../storage/teams-link-repository.js';
import { loadStaffAccess, staffAuthenticator, staffTenantOf } from './staff-authentication.js';

/** The staff side: who staff are (the access file, Entra ID), Teams channels linked to instances, and the Teams handler that claims and closes cases. */
export interface Staff {
  readonly teams: TeamsStaffHandler;
  readonly links: PrismaTeamsLinkRepository;
  readonly authenticate: StaffApiDeps['authenticate'];
}

export interface StaffSideDeps {
  readonly config: Config;
  readonly catalog: Catalog;
  readonly database: Database;
  readonly handoffs: PrismaHandoffRepository;
  readonly clock: () => Date;
  readonly logger: Logger;
}

export function createStaff({ config, catalog, database, handoffs, clock, logger }: StaffSideDeps): Staff {
  const access = loadStaffAccess(config, catalog);
  const tenantId = staffTenantOf(config);
  const links = new PrismaTeamsLinkRepository(database.prisma);
  const teams = new TeamsStaffHandler({
    links,
    handoffs,
    catalog,
    clock,
    ...(tenantId ? { tenantId } : {}),
    mayLink: teamsLinking(config, access, tenantId, logger),
    // Teams tells who someone is, not their groups or app roles: only user mappings count here.
    instancesOfStaff: (aadObjectId) => {
      if (!tenantId) return isDevelopmentMode(config) ? 'all' : [];
      return aadObjectId ? staffMemberOf({ id: aadObjectId, name: '', groups: [], roles: [] }, access).instances : [];
    },
    audit: new PrismaAuditLog(database.prisma),
  });
  return { teams, links, authenticate: staffAuthenticator(config, access, logger) };
}

/**
 * Who may link a Teams channel to an instance: with a tenant configured, staff mapped to the
 * instance (or admins) in the staff access file; without one only in development mode, where
 * nothing is authenticated anyway; in production without a tenant, nobody.
 */
function teamsLinking(
  config: Config,
  access: StaffAccess,
  tenantId: string | undefined,
  logger: Logger,
): (aadObjectId: string | undefined, instanceId: string) => boolean {
  if (tenantId) return (aadObjectId, instanceId) => aadObjectId !== undefined && mayLinkChannel(access, aadObjectId, instanceId);
  if (isDevelopmentMode(config)) {
    logger.warn(
      'development mode: anyone may link a Teams channel to an instance (set MicrosoftAppTenantId or ENTRA_TENANT_ID and STAFF_ACCESS_PATH to check who)',
    );
    return () => true;
  }
  logger.warn('no tenant configured: nobody can link a Teams channel (set MicrosoftAppTenantId or ENTRA_TENANT_ID and STAFF_ACCESS_PATH)');
  return () => false;
}
