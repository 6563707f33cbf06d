import type { Gender, Language } from '../__generated__/schema-types';

/**
 * What the store keeps. Resolvers receive these records as parents (see the codegen mappers), so
 * a field needs a resolver only where the record differs from the GraphQL type.
 *
 * Records are immutable: the store replaces a record on every change, so one handed out earlier
 * keeps describing the version it was read at.
 */

export interface AddressRecord {
  readonly line1: string;
  readonly line2: string | null;
  readonly city: string;
  readonly state: string;
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
}

export interface EmergencyContactRecord {
  readonly name: string;
  readonly relationship: string;
  readonly phone: string;
}

export interface InsuranceRecord {
  readonly provider: string;
  readonly policyNumber: string;
}

export interface PatientRecord {
  readonly id: string;
  /** Owned by the ehr subgraph; only its id lives here. */
  readonly organizationId: string;
  readonly mrn: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly gender: Gender;
  /** YYYY-MM-DD. */
  readonly dateOfBirth: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly address: AddressRecord | null;
  readonly emergencyContact: EmergencyContactRecord | null;
  readonly insurance: InsuranceRecord | null;
  readonly primaryCarePhysicianId: string | null;
  readonly preferredLanguage: Language;
  readonly version: number;
  /** ISO 8601 date-times. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ProviderRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly displayName: string;
  /** National Provider Identifier, 10 digits. */
  readonly npi: string;
  readonly specialty: string;
}

/** A validated, normalized new patient; the store assigns id, version and timestamps, and the MRN when null. */
export type NewPatient = Omit<PatientRecord, 'id' | 'mrn' | 'version' | 'createdAt' | 'updatedAt'> & {
  readonly mrn: string | null;
};

/** A validated, normalized change: present keys replace the record's values (null clears). */
export type PatientPatch = Partial<
  Omit<PatientRecord, 'id' | 'organizationId' | 'version' | 'createdAt' | 'updatedAt'>
>;
