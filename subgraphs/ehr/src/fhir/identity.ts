import { createHash } from 'node:crypto';
import type { BundleEntryRequest, Identifier, Patient, Reference } from '@medplum/fhirtypes';

/**
 * How each resource of a Bundle is recognised again, so a rebuild is identical and a retry never
 * duplicates anything. The Patient is the organization's MRN (`mrnSystem`); every other resource
 * carries an identifier made of ids and configuration only (the patient id, the resource type,
 * the question and the option code), never patient data. Every entry is a conditional update
 * (`PUT <type>?identifier=…`): the EHR creates it once and updates that one after. `fullUrl`s are
 * `urn:uuid:`s derived from the patient id and those identifiers; the other entries reference the
 * Patient by its fullUrl, which the EHR resolves to the Patient it created or found.
 */

const NAMING = 'https://carebridge.example/fhir/NamingSystem';

/** The identifier system of an organization's medical record numbers. */
export const mrnSystem = (organizationId: string): string => `${NAMING}/${encodeURIComponent(organizationId)}/mrn`;

/** The identifier system of the resources the platform sends for an organization's patients. */
export const resourceSystem = (organizationId: string): string =>
  `${NAMING}/${encodeURIComponent(organizationId)}/resource`;

/** A UUID (version 5 layout) from a SHA-256 of `name`: the same name, the same UUID. */
export function deterministicUuid(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A search value as a query carries it: encoded, but for the `:`s of the identifiers (allowed in a query). */
const queryValue = (value: string): string => encodeURIComponent(value).replace(/%3A/gi, ':');

/** One entry's identity: its identifier, the conditional update that finds it, its fullUrl. */
export interface EntryIdentity {
  identifier: Identifier;
  fullUrl: string;
  request: BundleEntryRequest;
}

function entryIdentity(
  resourceType: string,
  identifier: { system: string; value: string },
  uuidName: string,
): EntryIdentity {
  return {
    identifier,
    fullUrl: `urn:uuid:${deterministicUuid(uuidName)}`,
    request: {
      method: 'PUT',
      url: `${resourceType}?identifier=${identifier.system}|${queryValue(identifier.value)}`,
    },
  };
}

/** The Patient's identity: the organization's MRN, and a fullUrl from the patient id. */
export function patientIdentity(organizationId: string, patientId: string, mrn: string): EntryIdentity {
  return entryIdentity('Patient', { system: mrnSystem(organizationId), value: mrn }, `patient|${patientId}`);
}

/** Another resource's identity: `<patientId>:<ResourceType>[:<key>]` under the organization's system. */
export function resourceIdentity(
  organizationId: string,
  patientId: string,
  resourceType: string,
  key?: string,
): EntryIdentity {
  const value = [patientId, resourceType, ...(key === undefined ? [] : [key])].join(':');
  const system = resourceSystem(organizationId);
  return entryIdentity(resourceType, { system, value }, `${system}|${value}`);
}

/** A reference to the Bundle's Patient entry. */
export const patientReference = (patient: EntryIdentity): Reference<Patient> => ({ reference: patient.fullUrl });
