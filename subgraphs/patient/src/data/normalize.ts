import { normalizeText } from '@carebridge/domain';
import type {
  AddressInput,
  EmergencyContactInput,
  InsuranceInput,
  PatientUpdateInput,
} from '../__generated__/schema-types';
import type { OwnedPatientInput } from './validation';
import type { AddressRecord, EmergencyContactRecord, InsuranceRecord, NewPatient, PatientPatch } from './records';

/**
 * Turns validated input into stored values: text in NFC and trimmed, upper-case country codes,
 * phone numbers without punctuation. Call only after validation.ts found no problem.
 */

/** A text as stored: NFC (as validation.ts measured it), trimmed. */
const text = (value: string): string => normalizeText(value).trim();

/**
 * Phones are stored in international form (+15551234567). A number without a leading + is read
 * as North American when it has 10 digits (or 11 starting with 1), matching the US default of
 * addresses; any other number without a country code is kept as its digits, since guessing its
 * country would be worse than not knowing it.
 */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (phone.trim().startsWith('+')) return `+${digits}`;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return digits;
}

const optionalText = (value: string | null | undefined): string | null => {
  const trimmed = value == null ? '' : text(value);
  return trimmed === '' ? null : trimmed;
};

export function toAddress(input: AddressInput): AddressRecord {
  return {
    line1: text(input.line1),
    line2: optionalText(input.line2),
    city: text(input.city),
    state: text(input.state),
    postalCode: text(input.postalCode),
    country: (input.country?.trim() || 'US').toUpperCase(),
  };
}

export function toEmergencyContact(input: EmergencyContactInput): EmergencyContactRecord {
  return { name: text(input.name), relationship: text(input.relationship), phone: normalizePhone(input.phone) };
}

export function toInsurance(input: InsuranceInput): InsuranceRecord {
  return { provider: text(input.provider), policyNumber: text(input.policyNumber) };
}

export function toNewPatient(input: OwnedPatientInput): NewPatient {
  return {
    organizationId: input.organizationId,
    mrn: optionalText(input.mrn),
    firstName: text(input.firstName),
    lastName: text(input.lastName),
    gender: input.gender,
    dateOfBirth: input.dateOfBirth,
    phone: input.phone == null ? null : normalizePhone(input.phone),
    email: optionalText(input.email),
    address: input.address == null ? null : toAddress(input.address),
    emergencyContact: input.emergencyContact == null ? null : toEmergencyContact(input.emergencyContact),
    insurance: input.insurance == null ? null : toInsurance(input.insurance),
    primaryCarePhysicianId: input.primaryCarePhysicianId ?? null,
    preferredLanguage: input.preferredLanguage ?? 'EN',
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Keeps only the keys present in `input` (GraphQL leaves absent ones out); null clears optional fields. */
export function toPatientPatch(input: PatientUpdateInput): PatientPatch {
  const patch: Mutable<PatientPatch> = {};
  if (input.mrn != null) patch.mrn = text(input.mrn);
  if (input.firstName != null) patch.firstName = text(input.firstName);
  if (input.lastName != null) patch.lastName = text(input.lastName);
  if (input.gender != null) patch.gender = input.gender;
  if (input.dateOfBirth != null) patch.dateOfBirth = input.dateOfBirth;
  if (input.preferredLanguage != null) patch.preferredLanguage = input.preferredLanguage;
  if ('phone' in input) patch.phone = input.phone == null ? null : normalizePhone(input.phone);
  if ('email' in input) patch.email = optionalText(input.email);
  if ('address' in input) patch.address = input.address == null ? null : toAddress(input.address);
  if ('emergencyContact' in input) {
    patch.emergencyContact = input.emergencyContact == null ? null : toEmergencyContact(input.emergencyContact);
  }
  if ('insurance' in input) patch.insurance = input.insurance == null ? null : toInsurance(input.insurance);
  if ('primaryCarePhysicianId' in input) patch.primaryCarePhysicianId = input.primaryCarePhysicianId ?? null;
  return patch;
}
