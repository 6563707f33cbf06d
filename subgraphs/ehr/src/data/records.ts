import type { AnswerSnapshot, PatientSnapshot, QuestionnaireCanonical } from '@carebridge/common';
import type {
  DataCategory,
  EhrSystemKind,
  EhrTransactionStatus,
  EhrTransactionTrigger,
  OrganizationKind,
  TransformKind,
} from '../__generated__/schema-types';

/** A key an endpoint accepts. */
export interface EhrKeyRecord {
  name: string;
  required: boolean;
  /**
   * Several sources may map to it, each once (a FHIR QuestionnaireResponse's items); any other key
   * takes one source per endpoint.
   */
  repeatable?: boolean;
}

/** One endpoint of an EHR's API, the categories of data sent to it, and the keys it accepts. */
export interface EndpointRecord {
  path: string;
  categories: DataCategory[];
  keys: EhrKeyRecord[];
  /** Creates the patient in the EHR (POST, answering its id); later sends update it (PUT). */
  createsPatient: boolean;
}

export interface ValueTransformRecord {
  kind: TransformKind;
  dateFormat?: string | null;
  codes?: { from: string; to: string }[] | null;
}

/** How one source is sent: the EHR's key for it, the endpoint path, and an optional transform. */
export interface FieldMappingRecord {
  /** A canonical field name, or `question:<linkId>`. */
  source: string;
  target: string;
  endpoint: string;
  transform?: ValueTransformRecord | null;
}

/** One published, immutable mapping version. */
export interface MappingVersionRecord {
  version: number;
  publishedAt: string;
  publishedBy: string;
  note: string | null;
  restoredFrom: number | null;
  fields: FieldMappingRecord[];
}

export interface EhrSystemRecord {
  id: string;
  name: string;
  baseUrl: string;
  /**
   * The operator's (seeded or configured): every organization sees and may use it, it is offered
   * at sign-up, and the operator's base URL is trusted. False for a system an organization made.
   */
  shared: boolean;
  /**
   * The organization that made it with `createEhrSystem`: the only one that sees and uses it.
   * Null for a shared system, and for one made before systems had owners (see `canUse`).
   */
  ownerOrganizationId: string | null;
  /**
   * KEY_VALUE: endpoints are paths and targets keys. FHIR_R4: endpoints are resource types and
   * targets element paths (`src/fhir/`), and delivery sends one transaction Bundle per change.
   */
  kind: EhrSystemKind;
  endpoints: EndpointRecord[];
  /**
   * The platform's versions, oldest first. An organization that publishes its own mapping gets
   * its own line of versions, which continues from these (see the mapping store).
   */
  mappings: MappingVersionRecord[];
}

export interface OrganizationRecord {
  id: string;
  name: string;
  kind: OrganizationKind;
  ehrSystemId: string;
}

/**
 * A patient as the gateway hands it to this subgraph: its key, plus the fields `ehrSystem` and
 * `ehrPreview` @require (absent when the gateway only asks for the key).
 */
export type PatientReference = { id: string; organization?: { id: string } | null } & Partial<
  Omit<PatientSnapshot, 'id' | 'organizationId' | 'preferredLanguage'>
> & { clinicalAnswers?: AnswerSnapshot[] | null };

/** A questionnaire as the gateway hands it here: its key and, for `unmappedItems`, its items. */
export interface QuestionnaireReference {
  id: string;
  items?: { linkId: string; category: AnswerSnapshot['category'] }[] | null;
}

export interface CanonicalFieldRecord {
  name: string;
  category: DataCategory;
  description: string;
}

/** What a mapping reads: a patient's demographics and latest answers. */
export interface CanonicalRecord {
  patient: PatientSnapshot;
  answers: AnswerSnapshot[];
  /**
   * The questionnaire the latest answers were given to (from its `clinical.answered` event), which
   * a FHIR QuestionnaireResponse references; absent for records from before events carried it.
   */
  questionnaire?: QuestionnaireCanonical;
}

/** One request to an EHR: what the preview shows and a transaction sends. */
export interface EhrRequestRecord {
  /** The endpoint's path as configured, `{ehrPatientId}` not yet filled in. */
  endpoint: string;
  method: 'POST' | 'PUT';
  payload: Record<string, unknown>;
}

export interface EhrTransactionRecord {
  id: string;
  organizationId: string;
  patientId: string;
  ehrSystemId: string;
  /** The endpoint path as configured (with `{ehrPatientId}`). */
  endpoint: string;
  method: 'POST' | 'PUT';
  mappingVersion: number;
  status: EhrTransactionStatus;
  trigger: EhrTransactionTrigger;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  idempotencyKey: string;
  ehrPatientId: string | null;
  payload: Record<string, unknown>;
  /**
   * The canonical record the payload was built from, so a replay can rebuild it under another
   * mapping. Null, with `payload` emptied, once the patient was deleted: their data is erased.
   */
  source: CanonicalRecord | null;
  replayOf: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  /**
   * The W3C `traceparent` of the change (or staff request) that queued it, when tracing is on: the
   * worker's request to the EHR is a span of that trace. Ids only.
   */
  traceparent?: string;
}
