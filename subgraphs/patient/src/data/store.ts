import { randomUUID } from 'node:crypto';
import {
  compareKeys,
  type ChangeAudit,
  InMemoryOutbox,
  SortedIndex,
  type ChangeEvent,
  type SortKey,
} from '@carebridge/common';
import { planChange, refuseTakenMrns, type VersionedId } from './change-plan';
import { patientDeleted, patientUpserted } from './events';
import type { PatientListFilter, PatientListQuery, PatientPage, PatientStore } from './patient-store';
import { KeyedTokenIndex, type KeyedToken } from './keyed-token-index';
import { MrnIndex, mrnKey } from './mrn-index';
import { OrganizationTokenIndex } from './organization-token-index';
import { selectPage } from './page-select';
import type { NewPatient, PatientPatch, PatientRecord, ProviderRecord } from './records';
import { patientSortKey, searchTokens, searchWords } from './text';

export {
  type ChangeStep,
  isChangedBy,
  MRN_TAKEN,
  MRN_TAKEN_CODE,
  mrnTaken,
  planChange,
  refuseTakenMrns,
  type VersionedId,
} from './change-plan';

export type { PatientListFilter, PatientListQuery, PatientPage, PatientStore } from './patient-store';

export interface InMemoryPatientStoreOptions {
  providers?: readonly ProviderRecord[];
  now?: () => Date;
  newId?: () => string;
}

/** A way to narrow the patient list: how many ids it yields at most, and a check for one record. */
interface Source {
  size: number;
  accepts(patient: PatientRecord): boolean;
  /** Ids in list order when the source is a sorted index; otherwise `ids` yields them unordered. */
  ordered?: SortedIndex;
  ids?: () => ReadonlySet<string>;
}

/**
 * Patients in memory, indexed the way a relational table would be: primary key, unique
 * (organization, MRN), the list order, one list-ordered index per organization and per primary
 * care physician, and a prefix index for search per organization. Every query touches only its
 * smallest matching index, never the whole table. A one-word search within an organization reads
 * its page and total from that organization's token range alone (`KeyedTokenIndex.page`); other
 * searches select their page from the matches without sorting them all (`selectPage`).
 */
export class InMemoryPatientStore implements PatientStore {
  private readonly patients = new Map<string, PatientRecord>();
  private readonly keys = new Map<string, SortKey>();
  private readonly tokens = new Map<string, readonly string[]>();
  private readonly byName = new SortedIndex();
  private readonly byOrganization = new Map<string, SortedIndex>();
  private readonly byPhysician = new Map<string, SortedIndex>();
  private readonly bySearchToken = new OrganizationTokenIndex();
  private readonly byMrn = new MrnIndex();
  private readonly providers: Map<string, ProviderRecord>;
  private readonly providerList: readonly ProviderRecord[];
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly events = new InMemoryOutbox();

  constructor(options: InMemoryPatientStoreOptions = {}) {
    const providers = [...(options.providers ?? [])];
    providers.sort((a, b) => compareKeys([a.displayName, a.id], [b.displayName, b.id]));
    this.providerList = providers;
    this.providers = new Map(providers.map((p) => [p.id, p]));
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => `pt-${randomUUID()}`);
  }

  get size(): number {
    return this.patients.size;
  }

  /** The in-memory outbox itself, so tests can read it without awaiting (`pendingNow`). */
  get outbox(): InMemoryOutbox {
    return this.events;
  }

  /**
   * Loads complete records (seed data, imports) keeping their ids, versions and timestamps.
   * Sorting first makes every index insertion an append, so loading 100,000 patients is linear.
   * Records no events; `announceLoaded` does, where the EHRs should receive loaded data too.
   */
  load(records: readonly PatientRecord[]): void {
    const ids = new Set<string>();
    const mrns = new Set<string>();
    for (const record of records) {
      const key = mrnKey(record.organizationId, record.mrn);
      if (
        this.patients.has(record.id) ||
        ids.has(record.id) ||
        this.byMrn.holderOf(record.organizationId, record.mrn) !== undefined ||
        mrns.has(key)
      ) {
        throw new Error(`load: duplicate id or MRN for patient ${record.id}`);
      }
      ids.add(record.id);
      mrns.add(key);
    }
    const sorted = records.map((r) => ({ record: r, key: patientSortKey(r) }));
    sorted.sort((a, b) => compareKeys(a.key, b.key));
    this.insert(sorted.map(({ record }) => record));
  }

  /**
   * Records a `patient.upserted` event for every patient, oldest first: in development the EHR
   * sandbox starts empty, and this brings it the seed data the way any change would.
   */
  announceLoaded(): void {
    for (const id of this.byName.all()) {
      const record = this.patients.get(id);
      if (record) this.events.append(this.upserted(record, record.updatedAt));
    }
  }

  // Each method does its whole work synchronously before its promise settles, so no other call
  // interleaves with it: the in-memory equivalent of a transaction. A change checks everything
  // first, then writes its audit record (which may throw), and only then applies anything.

  findById(id: string): Promise<PatientRecord | undefined> {
    return settle(() => this.patients.get(id));
  }

  findIdByMrn(organizationId: string, mrn: string): Promise<string | undefined> {
    return settle(() => this.byMrn.holderOf(organizationId, mrn));
  }

  findProviderById(id: string): Promise<ProviderRecord | undefined> {
    return settle(() => this.providers.get(id));
  }

  listProviders(organizationId?: string | null): Promise<ProviderRecord[]> {
    return settle(() => this.providerList.filter((p) => organizationId == null || p.organizationId === organizationId));
  }

  create(inputs: readonly NewPatient[], audit?: ChangeAudit): Promise<PatientRecord[]> {
    return settle(() => this.insertNew(inputs, audit));
  }

  private insertNew(inputs: readonly NewPatient[], audit: ChangeAudit | undefined): PatientRecord[] {
    const reserved = refuseTakenMrns(inputs, (organizationId, mrn) => this.byMrn.holderOf(organizationId, mrn));
    const timestamp = this.now().toISOString();
    // The generators move on only when the patients are inserted (MrnIndex.add).
    const generating = new Map<string, number>();
    const records = inputs.map((input): PatientRecord => {
      const mrn = input.mrn ?? this.byMrn.generate(input.organizationId, reserved, generating);
      reserved.add(mrnKey(input.organizationId, mrn));
      return { ...input, id: this.newId(), mrn, version: 1, createdAt: timestamp, updatedAt: timestamp };
    });
    audit?.writeNow(records.map((record) => record.id));
    this.insert(records);
    this.events.append(...records.map((record) => this.upserted(record, timestamp)));
    return records;
  }

  update(id: string, patch: PatientPatch, expectedVersion: number, audit?: ChangeAudit): Promise<PatientRecord> {
    return settle(() => {
      const [updated] = this.change([{ id, expectedVersion }], patch, audit);
      if (updated === undefined) throw new Error('updateMany returned no patient');
      return updated;
    });
  }

  updateMany(targets: readonly VersionedId[], patch: PatientPatch, audit?: ChangeAudit): Promise<PatientRecord[]> {
    return settle(() => this.change(targets, patch, audit));
  }

  private change(
    targets: readonly VersionedId[],
    patch: PatientPatch,
    audit: ChangeAudit | undefined,
  ): PatientRecord[] {
    const updatedAt = this.now().toISOString();
    const steps = planChange(targets, patch, updatedAt, {
      current: (id) => this.patients.get(id),
      mrnHolder: (organizationId, mrn) => this.byMrn.holderOf(organizationId, mrn),
    });
    const changed = steps.filter(({ current, next }) => next !== current);
    audit?.writeNow(changed.map(({ next }) => next.id));
    for (const { current } of changed) this.unindex(current);
    this.insert(changed.map(({ next }) => next));
    this.events.append(...changed.map(({ next }) => this.upserted(next, updatedAt)));
    return steps.map(({ next }) => next);
  }

  delete(id: string, audit?: ChangeAudit): Promise<boolean> {
    return settle(() => {
      const current = this.patients.get(id);
      if (current === undefined) return false;
      audit?.writeNow([id]);
      this.unindex(current);
      this.events.append(patientDeleted(current, this.now().toISOString()));
      return true;
    });
  }

  list(query: PatientListQuery): Promise<PatientPage> {
    return settle(() => this.page(query));
  }

  private page({ filter, first, after }: PatientListQuery): PatientPage {
    const words = searchWords(filter?.search);
    // One word within an organization, nothing else (what staff search): from its token index alone.
    if (filter?.organizationId != null && filter.primaryCarePhysicianId == null && words.length === 1) {
      const { ids, hasMore, total } = this.bySearchToken.page(filter.organizationId, words[0]!, first, after);
      return this.pageOf(ids, hasMore, total);
    }
    const { smallest, checks } = this.plan(filter ?? {});
    if (smallest.ordered !== undefined && checks.length === 0) {
      const { ids, hasMore } = smallest.ordered.page(after, first);
      return this.pageOf(ids, hasMore, smallest.ordered.size);
    }

    if (smallest.ordered === undefined) {
      const matches = this.candidates(smallest, checks);
      const { ids, hasMore } = selectPage(matches, (id) => this.keyOf(id), first, after);
      return this.pageOf(ids, hasMore, matches.length);
    }
    const matches = this.matching(smallest, checks);
    const start = after === undefined ? 0 : this.firstAfter(matches, after);
    const ids = matches.slice(start, start + first);
    return this.pageOf(ids, start + first < matches.length, matches.length);
  }

  listAll(filter: PatientListFilter): Promise<PatientRecord[]> {
    return settle(() => {
      const { smallest, checks } = this.plan(filter);
      return this.matching(smallest, checks).flatMap((id) => this.patients.get(id) ?? []);
    });
  }

  /** The filter's smallest source, to walk, and the others, to check each of its patients with. */
  private plan(filter: PatientListFilter): { smallest: Source; checks: Source[] } {
    const sources = this.sources(filter);
    const smallest = sources.reduce((a, b) => (b.size < a.size ? b : a));
    return { smallest, checks: sources.filter((s) => s !== smallest) };
  }

  /** Whether every one of `others` accepts the patient with this id. */
  private acceptedBy(others: readonly Source[]): (id: string) => boolean {
    return (id) => {
      const patient = this.patients.get(id);
      return patient !== undefined && others.every((source) => source.accepts(patient));
    };
  }

  /** Ids of an unordered `smallest` (a search word's) that every other source accepts, in no order. */
  private candidates(smallest: Source, others: readonly Source[]): string[] {
    return [...(smallest.ids?.() ?? [])].filter(this.acceptedBy(others));
  }

  /** Ids of `smallest` that every other source accepts, in list order. */
  private matching(smallest: Source, others: readonly Source[]): string[] {
    const acceptedByOthers = this.acceptedBy(others);
    if (smallest.ordered !== undefined) return smallest.ordered.all().filter(acceptedByOthers);
    const candidates = smallest.ids?.() ?? new Set<string>();
    // Sorting k candidates costs about k·log2(k) key comparisons; walking an ordered index with one
    // set lookup per entry costs its size. Broad searches ("a") take the walk, narrow ones the sort.
    const walk = others.reduce<SortedIndex>(
      (index, source) => (source.ordered !== undefined && source.ordered.size < index.size ? source.ordered : index),
      this.byName,
    );
    if (candidates.size * Math.log2(candidates.size + 1) > walk.size) {
      return walk.all().filter((id) => candidates.has(id) && acceptedByOthers(id));
    }
    const keyed = [...candidates].filter(acceptedByOthers).map((id) => ({ id, key: this.keyOf(id) }));
    keyed.sort((a, b) => compareKeys(a.key, b.key));
    return keyed.map(({ id }) => id);
  }

  private sources(filter: PatientListFilter): Source[] {
    const sources: Source[] = [];
    const { organizationId, primaryCarePhysicianId } = filter;
    if (organizationId != null) {
      const index = this.byOrganization.get(organizationId) ?? new SortedIndex();
      sources.push({ size: index.size, ordered: index, accepts: (p) => p.organizationId === organizationId });
    }
    if (primaryCarePhysicianId != null) {
      const index = this.byPhysician.get(primaryCarePhysicianId) ?? new SortedIndex();
      sources.push({
        size: index.size,
        ordered: index,
        accepts: (p) => p.primaryCarePhysicianId === primaryCarePhysicianId,
      });
    }
    // Within the organization when there is one (there always is for staff): its own token index.
    for (const word of searchWords(filter.search)) {
      sources.push({
        size: this.bySearchToken.count(organizationId, word),
        ids: () => this.bySearchToken.idsWithPrefix(organizationId, word),
        accepts: (p) => (this.tokens.get(p.id) ?? []).some((token) => token.startsWith(word)),
      });
    }
    if (sources.length === 0) sources.push({ size: this.byName.size, ordered: this.byName, accepts: () => true });
    return sources;
  }

  private pageOf(ids: readonly string[], hasNextPage: boolean, totalCount: number): PatientPage {
    const nodes = ids.flatMap((id) => this.patients.get(id) ?? []);
    const last = nodes.at(-1);
    return { nodes, hasNextPage, endKey: last === undefined ? null : this.keyOf(last.id), totalCount };
  }

  /** Position of the first id whose sort key is greater than `after` (binary search). */
  private firstAfter(ids: readonly string[], after: SortKey): number {
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.keyOf(ids[mid] ?? ''), after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private upserted(record: PatientRecord, occurredAt: string): ChangeEvent {
    const physicianId = record.primaryCarePhysicianId;
    return patientUpserted(record, physicianId === null ? undefined : this.providers.get(physicianId), occurredAt);
  }

  private keyOf(id: string): SortKey {
    return this.keys.get(id) ?? [];
  }

  private insert(records: readonly PatientRecord[]): void {
    const pairs = new Map<string, KeyedToken[]>();
    for (const record of records) {
      const key = patientSortKey(record);
      const tokens = searchTokens(record);
      this.patients.set(record.id, record);
      this.keys.set(record.id, key);
      this.tokens.set(record.id, tokens);
      this.byMrn.add(record);
      this.byName.insert(key, record.id);
      indexIn(this.byOrganization, record.organizationId, key, record.id);
      if (record.primaryCarePhysicianId !== null)
        indexIn(this.byPhysician, record.primaryCarePhysicianId, key, record.id);
      let ofOrganization = pairs.get(record.organizationId);
      if (ofOrganization === undefined) pairs.set(record.organizationId, (ofOrganization = []));
      ofOrganization.push(...KeyedTokenIndex.pairsOf(record.id, key, tokens));
    }
    for (const [organizationId, ofOrganization] of pairs) this.bySearchToken.add(organizationId, ofOrganization);
  }

  private unindex(record: PatientRecord): void {
    const key = this.keyOf(record.id);
    this.byName.remove(key, record.id);
    this.byOrganization.get(record.organizationId)?.remove(key, record.id);
    if (record.primaryCarePhysicianId !== null)
      this.byPhysician.get(record.primaryCarePhysicianId)?.remove(key, record.id);
    for (const token of this.tokens.get(record.id) ?? []) {
      this.bySearchToken.remove(record.organizationId, token, record.id);
    }
    this.byMrn.remove(record);
    this.patients.delete(record.id);
    this.keys.delete(record.id);
    this.tokens.delete(record.id);
  }
}

/** `fn`'s answer as a promise, its throw as a rejection (never a synchronous throw from a store method). */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}

function indexIn(indexes: Map<string, SortedIndex>, value: string, key: SortKey, id: string): void {
  let index = indexes.get(value);
  if (index === undefined) {
    index = new SortedIndex();
    indexes.set(value, index);
  }
  index.insert(key, id);
}
