import { badUserInput, notFound, requireStaff, type StaffViewer } from '@carebridge/common';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { requireAdmin, usableSystems, usableSystem } from '../access';
import type { Context } from '../context';
import type { EhrSystemRecord } from '../data/records';
import { checkUrl } from '../delivery/destinations';
import { normalizeName } from '../mapping/names';
import { fhirEndpoints } from '../fhir/catalogue';
import { copyField, requireCurrentVersion } from '../mapping/store';
import { endpointRecords, validateEhrSystem, validateSystemMapping } from '../mapping/validate';

/**
 * The EHR system `ehrSystemId` names, if the caller's organization may use it (shared, or its
 * own), or BAD_USER_INPUT: the id is the caller's input, and another organization's system is as
 * unknown to it as one that does not exist.
 */
export async function knownSystem(context: Context, ehrSystemId: string): Promise<EhrSystemRecord> {
  const system = await usableSystem(context, requireStaff(context).organizationId, ehrSystemId);
  if (!system) throw badUserInput([{ field: 'ehrSystemId', message: 'is not a known EHR system' }]);
  return system;
}

/**
 * VERSION_CONFLICT when the caller read `expectedVersion` and another version has been published
 * since: refused before validation (its author must look at the newer version first) and logged,
 * like the publications, with ids and version numbers only. Nothing to check when it is omitted.
 */
async function requireUnchanged(
  context: Context,
  admin: StaffViewer,
  ehrSystemId: string,
  expectedVersion: number | null | undefined,
  mutation: 'publishEhrMapping' | 'rollbackEhrMapping',
): Promise<void> {
  if (expectedVersion == null) return;
  const current = await context.mappings.current(ehrSystemId, admin.organizationId);
  try {
    requireCurrentVersion(ehrSystemId, current, expectedVersion);
  } catch (error) {
    context.logger.info('ehr.mapping.conflict', {
      ehrSystemId,
      organizationId: admin.organizationId,
      userId: admin.userId,
      mutation,
      expectedVersion,
      currentVersion: current.version,
    });
    throw error;
  }
}

/** A readable, stable id for a new system (`ehr-<name>`), suffixed when a similar name took it. */
async function newSystemId(context: Context, name: string): Promise<string> {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'system';
  let id = `ehr-${slug}`;
  for (let n = 2; await context.store.ehrSystem(id); n++) id = `ehr-${slug}-${n}`;
  return id;
}

/** Publishing, rolling back and creating EHR systems: ADMIN only, validated in full first. */
export const mappingMutations: Pick<MutationResolvers, 'publishEhrMapping' | 'rollbackEhrMapping' | 'createEhrSystem'> =
  {
    publishEhrMapping: async (_parent, { ehrSystemId, input, expectedVersion }, context) => {
      const admin = await requireAdmin(context);
      const system = await knownSystem(context, ehrSystemId);
      await requireUnchanged(context, admin, system.id, expectedVersion, 'publishEhrMapping');
      validateSystemMapping(input, system).throwIfAny();
      // The store checks `expectedVersion` again as it appends: a publication that won a race since
      // the check above still makes this one a VERSION_CONFLICT.
      const published = await context.mappings.publish(
        system.id,
        admin.organizationId,
        input.fields,
        { publishedBy: admin.userId, note: input.note ?? null, restoredFrom: null },
        expectedVersion,
      );
      context.logger.info('ehr.mapping.published', {
        ehrSystemId: system.id,
        organizationId: admin.organizationId,
        userId: admin.userId,
        version: published.version,
      });
      return published;
    },

    rollbackEhrMapping: async (_parent, { ehrSystemId, version, expectedVersion }, context) => {
      const admin = await requireAdmin(context);
      const system = await knownSystem(context, ehrSystemId);
      await requireUnchanged(context, admin, system.id, expectedVersion, 'rollbackEhrMapping');
      const earlier = await context.mappings.version(system.id, admin.organizationId, version);
      if (!earlier) throw notFound('EhrMapping', String(version));
      // Endpoints never change once created, so a version that was valid when published still is.
      const published = await context.mappings.publish(
        system.id,
        admin.organizationId,
        earlier.fields,
        { publishedBy: admin.userId, note: `Rollback to version ${version}`, restoredFrom: version },
        expectedVersion,
      );
      context.logger.info('ehr.mapping.rolledBack', {
        ehrSystemId: system.id,
        organizationId: admin.organizationId,
        userId: admin.userId,
        version: published.version,
        restoredFrom: version,
      });
      return published;
    },

    // The new system is the caller organization's own: no other organization sees or uses it.
    createEhrSystem: async (_parent, { input }, context) => {
      const admin = await requireAdmin(context);
      const existing = (await usableSystems(context, admin.organizationId)).map((s) => s.name);
      const kind = input.kind ?? 'KEY_VALUE';
      const problems = validateEhrSystem(input, existing, context.destinations);
      if (!problems.empty) {
        // Reason codes only: the URL an organization tried is not the log's business.
        const url = checkUrl(input.baseUrl, context.destinations);
        context.logger.info('ehr.system.refused', {
          organizationId: admin.organizationId,
          userId: admin.userId,
          fields: problems.list.map((p) => p.field).join(','),
          ...(url.ok ? {} : { baseUrl: url.reason }),
        });
      }
      problems.throwIfAny();
      const name = normalizeName(input.name);
      const system: EhrSystemRecord = {
        id: await newSystemId(context, name),
        name,
        baseUrl: input.baseUrl.trim(),
        shared: false,
        ownerOrganizationId: admin.organizationId,
        kind,
        endpoints: kind === 'FHIR_R4' ? fhirEndpoints() : endpointRecords(input),
        // The platform line of the new system: every organization that switches to it starts here.
        mappings: [
          {
            version: 1,
            publishedAt: new Date().toISOString(),
            publishedBy: admin.userId,
            note: input.mapping.note ?? null,
            restoredFrom: null,
            fields: input.mapping.fields.map(copyField),
          },
        ],
      };
      await context.store.addEhrSystem(system);
      context.logger.info('ehr.system.created', {
        ehrSystemId: system.id,
        organizationId: admin.organizationId,
        userId: admin.userId,
      });
      return system;
    },
  };
