import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Language, LocalizedText } from './language';
import { currentTraceparent } from './tracing';

/**
 * Change events: what the patient and clinical subgraphs tell the ehr subgraph, so data reaches
 * each EHR without anyone clicking and without the user's token (delivery runs later, in the
 * background). Each event carries the data it is about, so the ehr subgraph never has to read
 * another service's store, and the event id makes redelivery harmless.
 *
 * Events leave through an outbox (recorded in the same store operation as the change) and are
 * posted, signed with a secret the services share, to the ehr subgraph's `/internal/events`.
 */

/** The canonical demographic record of a patient, as mappings read it. */
export interface PatientSnapshot {
  id: string;
  organizationId: string;
  mrn: string;
  firstName: string;
  lastName: string;
  gender: 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';
  dateOfBirth: string;
  phone: string | null;
  email: string | null;
  address: {
    line1: string;
    line2: string | null;
    city: string;
    state: string;
    postalCode: string;
    country: string;
  } | null;
  emergencyContact: { name: string; relationship: string; phone: string } | null;
  insurance: { provider: string; policyNumber: string } | null;
  primaryCarePhysician: { id: string; displayName: string; npi: string } | null;
  preferredLanguage: Language;
}

export type QuestionCategory =
  'SYMPTOMS' | 'FAMILY_HISTORY' | 'MEDICAL_HISTORY' | 'SOCIAL_HISTORY' | 'ALLERGIES' | 'MEDICATIONS';

/** One answer, language-independent: codes for choice questions, the value otherwise. */
export interface AnswerSnapshot {
  linkId: string;
  category: QuestionCategory;
  value: string | number | boolean | string[];
  /** English text for each code (or the value as text): what an EHR field of free text receives. */
  display: string[];
  /**
   * For a choice answer, the coding of each chosen option, in `value` order: a standard code
   * (SNOMED CT, LOINC) where the questionnaire gives one, the platform's code system otherwise,
   * with the option's label in each language. Absent for other answers and in events recorded
   * before codings existed (an EHR that needs one then uses the platform code system).
   */
  codings?: AnswerCoding[];
}

/** The coding of one answer option: what a FHIR `Coding` is built from. */
export interface AnswerCoding {
  /** The code system's canonical URL, e.g. `http://snomed.info/sct`. */
  system: string;
  code: string;
  /** The option's label, in English and Spanish. */
  display: LocalizedText;
}

/** The questionnaire a response answered, by its canonical identity (what FHIR references). */
export interface QuestionnaireCanonical {
  /** The questionnaire's canonical URL, the same for all its versions. */
  url: string;
  version: string;
}

interface EventBase {
  /** Unique; the ehr subgraph ignores an id it has already applied. */
  id: string;
  organizationId: string;
  patientId: string;
  occurredAt: string;
  /**
   * The W3C `traceparent` of the request that made the change (see `tracing.ts`), recorded with
   * the event when tracing is on, so its delivery continues that trace. Ids only, no patient data.
   */
  traceparent?: string;
}

export type ChangeEvent =
  | (EventBase & { type: 'patient.upserted'; patient: PatientSnapshot })
  | (EventBase & { type: 'patient.deleted' })
  | (EventBase & {
      type: 'clinical.answered';
      responseId: string;
      questionnaireId: string;
      /** The questionnaire's canonical URL and version; absent in events recorded before it was sent. */
      questionnaire?: QuestionnaireCanonical;
      /** The latest answer to every question the patient has answered (the clinical history). */
      answers: AnswerSnapshot[];
    });

export const EVENTS_PATH = '/internal/events';

/** `event` with the active span's `traceparent`, as an outbox records it; `event` itself without tracing. */
export function withTraceparent<T extends ChangeEvent>(event: T): T {
  if (event.traceparent !== undefined) return event;
  const traceparent = currentTraceparent();
  return traceparent === undefined ? event : { ...event, traceparent };
}
export const EVENT_SIGNATURE_HEADER = 'x-carebridge-signature';

/** `sha256=<hex>` over the exact body: proves the sender knows the shared secret. */
export function signEventBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function verifyEventBody(body: string, signature: string | undefined, secret: string): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signEventBody(body, secret));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
