import { randomUUID } from 'node:crypto';
import type { ChangeEvent, PatientSnapshot } from '@carebridge/common';
import type { AddressRecord, EmergencyContactRecord, InsuranceRecord, PatientRecord, ProviderRecord } from './records';

/**
 * The change events the patient store records in its outbox (see `@carebridge/common` events.ts).
 * Fields are copied one by one rather than spread, so a field added to the record for this
 * subgraph's own use never leaves the service unless the contract names it.
 */

export function patientSnapshot(record: PatientRecord, physician: ProviderRecord | undefined): PatientSnapshot {
  return {
    id: record.id,
    organizationId: record.organizationId,
    mrn: record.mrn,
    firstName: record.firstName,
    lastName: record.lastName,
    gender: record.gender,
    dateOfBirth: record.dateOfBirth,
    phone: record.phone,
    email: record.email,
    address: copyAddress(record.address),
    emergencyContact: copyEmergencyContact(record.emergencyContact),
    insurance: copyInsurance(record.insurance),
    primaryCarePhysician:
      physician === undefined ? null : { id: physician.id, displayName: physician.displayName, npi: physician.npi },
    preferredLanguage: record.preferredLanguage,
  };
}

// The parts' fields in one fixed order, as normalize.ts builds them: `isChangedBy` compares parts
// by their JSON, so a part read back from the database (jsonb reorders keys) must be rebuilt so.

export function copyAddress(address: AddressRecord | null): AddressRecord | null {
  return address === null
    ? null
    : {
        line1: address.line1,
        line2: address.line2,
        city: address.city,
        state: address.state,
        postalCode: address.postalCode,
        country: address.country,
      };
}

export function copyEmergencyContact(contact: EmergencyContactRecord | null): EmergencyContactRecord | null {
  return contact === null ? null : { name: contact.name, relationship: contact.relationship, phone: contact.phone };
}

export function copyInsurance(insurance: InsuranceRecord | null): InsuranceRecord | null {
  return insurance === null ? null : { provider: insurance.provider, policyNumber: insurance.policyNumber };
}

export function patientUpserted(
  record: PatientRecord,
  physician: ProviderRecord | undefined,
  occurredAt: string,
): ChangeEvent {
  return {
    id: randomUUID(),
    type: 'patient.upserted',
    organizationId: record.organizationId,
    patientId: record.id,
    occurredAt,
    patient: patientSnapshot(record, physician),
  };
}

export function patientDeleted(record: PatientRecord, occurredAt: string): ChangeEvent {
  return {
    id: randomUUID(),
    type: 'patient.deleted',
    organizationId: record.organizationId,
    patientId: record.id,
    occurredAt,
  };
}
