import type { ChangeAudit, Outbox, SortKey } from '@carebridge/common';
import type { VersionedId } from './change-plan';
import type { NewPatient, PatientPatch, PatientRecord, ProviderRecord } from './records';

export interface PatientListFilter {
  search?: string | null;
  organizationId?: string | null;
  primaryCarePhysicianId?: string | null;
}

export interface PatientListQuery {
  filter?: PatientListFilter | null;
  /** Page size, already validated. */
  first: number;
  /** Sort key of the last patient of the previous page. */
  after?: SortKey;
}

export interface PatientPage {
  nodes: PatientRecord[];
  hasNextPage: boolean;
  /** Sort key of the last patient on this page; null for an empty page. */
  endKey: SortKey | null;
  totalCount: number;
}

/**
 * Everything resolvers may ask of patient data. Inputs arrive validated and normalized (see
 * validation.ts and normalize.ts); the store still enforces what a database would enforce with
 * constraints: MRN uniqueness per organization and optimistic concurrency on `version`.
 *
 * Every change records its change events in `outbox` in the same method (one transaction, with a
 * database), so a change is never stored without its event nor an event sent for a change that
 * failed: `create`, `update` and `updateMany` a `patient.upserted` per patient changed, `delete` a
 * `patient.deleted`.
 *
 * Given `audit`, a change writes its audit record in that same step too (see `ChangeAudit`), naming
 * the patients it created or changed: when the record cannot be written the change is not made and
 * records no event (the call rejects with `AuditWriteError`); a refused change writes no record.
 */
export interface PatientStore {
  /** Change events not yet delivered to the ehr subgraph, oldest first. */
  readonly outbox: Outbox;
  findById(id: string): Promise<PatientRecord | undefined>;
  list(query: PatientListQuery): Promise<PatientPage>;
  /** Every patient `filter` selects, in list order and unpaged: what a bulk change covers. */
  listAll(filter: PatientListFilter): Promise<PatientRecord[]>;
  /** The id of the patient holding `mrn` in the organization; MRNs compare case-insensitively. */
  findIdByMrn(organizationId: string, mrn: string): Promise<string | undefined>;
  /** All or nothing: when one input conflicts, none is created. MRNs are generated where null. */
  create(inputs: readonly NewPatient[], audit?: ChangeAudit): Promise<PatientRecord[]>;
  /** Applies `patch` when `expectedVersion` is current; NOT_FOUND, VERSION_CONFLICT otherwise. */
  update(id: string, patch: PatientPatch, expectedVersion: number, audit?: ChangeAudit): Promise<PatientRecord>;
  /**
   * `update` of several patients with one patch, all or nothing: when one is unknown, stale or
   * conflicts, none changes. Answers the records after the change, in the order of `targets`.
   */
  updateMany(targets: readonly VersionedId[], patch: PatientPatch, audit?: ChangeAudit): Promise<PatientRecord[]>;
  /** False when no patient has that id (and no record is written). */
  delete(id: string, audit?: ChangeAudit): Promise<boolean>;
  findProviderById(id: string): Promise<ProviderRecord | undefined>;
  /** Ordered by display name. */
  listProviders(organizationId?: string | null): Promise<ProviderRecord[]>;
}
