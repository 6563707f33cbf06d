import { audited, badUserInput, notFound, readAuditTrail, requireOrganization, requireStaff } from '@carebridge/common';
import { GraphQLError } from 'graphql';
import type { PatientResolvers } from '../__generated__/resolvers-types';
import type { EhrMappingInput, Maybe } from '../__generated__/schema-types';
import type { Context } from '../context';
import type { EhrSystemRecord, MappingVersionRecord } from '../data/records';
import { buildSystemRequests } from '../mapping/kinds';
import { canonicalRecordOf, withDeliveryCopy } from '../mapping/preview';
import { copyField } from '../mapping/store';
import { validateSystemMapping } from '../mapping/validate';
import { requestTarget } from '../delivery/paths';
import { knownSystem } from './mappingMutations';
import { ehrSystemOf } from './Organization';
import { OTHER_ORGANIZATION } from '../access';

/**
 * The mapping a preview builds with: the draft, validated as `publishEhrMapping` validates it and
 * stored nowhere; else the organization's `mappingVersion` or current version for the system.
 */
async function previewMapping(
  context: Context,
  system: EhrSystemRecord,
  organizationId: string,
  { mappingVersion, draft }: { mappingVersion?: Maybe<number>; draft?: Maybe<EhrMappingInput> },
): Promise<Pick<MappingVersionRecord, 'fields'>> {
  if (draft != null) {
    validateSystemMapping(draft, system).throwIfAny();
    return { fields: draft.fields.map(copyField) };
  }
  const mapping =
    mappingVersion == null
      ? await context.mappings.current(system.id, organizationId)
      : await context.mappings.version(system.id, organizationId, mappingVersion);
  if (!mapping) throw notFound('EhrMapping', String(mappingVersion));
  return mapping;
}

export const Patient: PatientResolvers = {
  // The gateway sends the key and, for ehrSystem, the @required organization id: keep both.
  // Only refusals are recorded here: the fields that read the patient's data record their own read.
  __resolveReference: (reference, context) =>
    audited(context, { action: 'ehr.read', patientIds: [reference.id], recordAllowed: false }, () => {
      requireStaff(context);
      return reference;
    }),
  ehrSystem: (patient, _args, context) => {
    const organizationId = patient.organization?.id;
    if (!organizationId) {
      // Only reachable when called without the gateway, which always supplies @requires fields.
      throw new GraphQLError('Patient.ehrSystem needs the patient organization id (@requires)', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    // The patient subgraph already refuses other organizations' patients; this subgraph checks
    // again, since it can be called with any representation.
    requireOrganization(context, organizationId, OTHER_ORGANIZATION.patient);
    return ehrSystemOf(context.store, organizationId);
  },
  // The gateway hands this field the patient's demographics and answers: a read of both, audited.
  ehrPreview: (patient, { mappingVersion, draft, ehrSystemId }, context) =>
    audited(context, { action: 'ehr.preview', patientIds: [patient.id], coalesce: true }, async () => {
      requireStaff(context);
      const organizationId = patient.organization?.id;
      if (!organizationId) {
        throw new GraphQLError('Patient.ehrPreview needs the patient organization id (@requires)', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      requireOrganization(context, organizationId, OTHER_ORGANIZATION.patient);
      if (draft != null && mappingVersion != null) {
        throw badUserInput([{ field: 'draft', message: 'cannot be combined with mappingVersion' }]);
      }
      const system =
        ehrSystemId == null
          ? await ehrSystemOf(context.store, organizationId)
          : await knownSystem(context, ehrSystemId);
      const mapping = await previewMapping(context, system, organizationId, { mappingVersion, draft });
      // With the EHR's patient id as delivery knows it, so the preview shows where each request goes now.
      const ehrPatientId = await context.transactions.ehrPatientId(system.id, patient.id);
      const record = withDeliveryCopy(
        canonicalRecordOf(patient, organizationId),
        await context.snapshots.get(patient.id),
      );
      return buildSystemRequests(record, mapping, system, ehrPatientId, 'all').map((request) => {
        const endpoint = system.endpoints.find((e) => e.path === request.endpoint);
        const target = endpoint ? requestTarget(endpoint, ehrPatientId) : null;
        return {
          endpoint: target?.path ?? request.endpoint,
          method: target?.method ?? request.method,
          payload: request.payload,
        };
      });
    }),
  ehrTransactions: (patient, _args, context) =>
    audited(context, { action: 'ehr.transactions.read', patientIds: [patient.id], coalesce: true }, async () => {
      requireStaff(context);
      const transactions = await context.transactions.byPatient(patient.id);
      for (const t of transactions) requireOrganization(context, t.organizationId, OTHER_ORGANIZATION.patient);
      return transactions;
    }),
  // The first of `ehrTransactions`, read from the store's per-patient index instead of the whole
  // history; audited and authorized the same way.
  lastEhrTransaction: (patient, _args, context) =>
    audited(context, { action: 'ehr.transactions.read', patientIds: [patient.id], coalesce: true }, async () => {
      requireStaff(context);
      const last = await context.transactions.latestOfPatient(patient.id);
      if (last) requireOrganization(context, last.organizationId, OTHER_ORGANIZATION.patient);
      return last ?? null;
    }),
  ehrAuditTrail: (patient, { first, after }, context) =>
    readAuditTrail(context, { patientId: patient.id, first, after }),
};
