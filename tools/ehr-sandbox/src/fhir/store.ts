import { definitionOf } from './definitions';

/**
 * The sandbox FHIR server's resources, in memory: every version of every resource (history kept,
 * oldest first), ids assigned per type (`pat-000001`, …), and counters. A transaction works on a
 * draft copy and replaces the state only when every entry succeeded, so it is all or nothing.
 * Nothing is persisted; `reset()` forgets everything.
 */

export interface FhirResource {
  resourceType: string;
  id: string;
  meta: { versionId: string; lastUpdated: string } & Record<string, unknown>;
  [element: string]: unknown;
}

/** The same shape as an imitated EHR's stats, so tools can sum over all of them. */
export interface FhirStats {
  /** Patient resources stored. */
  patients: number;
  /** Transactions applied (one Bundle is one write, whatever its entries). */
  acceptedWrites: number;
  /** Answers 4xx from the FHIR API. */
  rejected: number;
  /** Injected 500s, 503s and lost responses. */
  injectedFailures: number;
  /** Always 0: the FHIR API takes no Idempotency-Key; conditional requests make retries safe. */
  idempotentReplays: number;
}

export type FhirCounter = 'rejected' | 'injectedFailures';

class FhirData {
  constructor(
    readonly history = new Map<string, Map<string, FhirResource[]>>(),
    readonly nextIds = new Map<string, number>(),
  ) {}

  clone(): FhirData {
    return new FhirData(structuredClone(this.history), new Map(this.nextIds));
  }
}

/** The resources and ids a transaction may read and change; changes stay in the draft until it commits. */
export class FhirDraft {
  constructor(private readonly data: FhirData) {}

  private versions(type: string, id: string): FhirResource[] | undefined {
    return this.data.history.get(type)?.get(id);
  }

  current(type: string, id: string): FhirResource | undefined {
    return this.versions(type, id)?.at(-1);
  }

  all(type: string): FhirResource[] {
    return [...(this.data.history.get(type)?.values() ?? [])].map((versions) => versions.at(-1)!);
  }

  /** A fresh id for a new resource of this type. */
  newId(type: string): string {
    const prefix = definitionOf(type)?.idPrefix ?? type.toLowerCase();
    let id: string;
    do {
      const next = this.data.nextIds.get(type) ?? 1;
      this.data.nextIds.set(type, next + 1);
      id = `${prefix}-${String(next).padStart(6, '0')}`;
    } while (this.current(type, id)); // a client may have chosen it with PUT Type/id
    return id;
  }

  /** Stores the resource as the next version of `type/id` (version 1 when new); answers what was stored. */
  put(type: string, id: string, resource: Record<string, unknown>, lastUpdated: string): FhirResource {
    const byType = this.data.history.get(type) ?? new Map<string, FhirResource[]>();
    this.data.history.set(type, byType);
    const versions = byType.get(id) ?? [];
    byType.set(id, versions);
    const meta = typeof resource['meta'] === 'object' && resource['meta'] !== null ? resource['meta'] : {};
    const stored: FhirResource = {
      ...structuredClone(resource),
      resourceType: type,
      id,
      meta: { ...structuredClone(meta), versionId: String(versions.length + 1), lastUpdated },
    };
    versions.push(stored);
    return structuredClone(stored);
  }
}

export class FhirStore {
  private data = new FhirData();
  private counters = { acceptedWrites: 0, rejected: 0, injectedFailures: 0 };

  /**
   * Runs `work` on a draft; the draft becomes the state only if `work` returns. A throw leaves the
   * state as it was. Synchronous, so no other request runs in between.
   */
  transact<T>(work: (draft: FhirDraft) => T): T {
    const draft = this.data.clone();
    const result = work(new FhirDraft(draft));
    this.data = draft;
    this.counters.acceptedWrites += 1;
    return result;
  }

  /** Read-only access to the current state (copies). */
  read(type: string, id: string, versionId?: string): FhirResource | undefined {
    const versions = this.data.history.get(type)?.get(id);
    const found = versionId === undefined ? versions?.at(-1) : versions?.find((v) => v.meta.versionId === versionId);
    return found ? structuredClone(found) : undefined;
  }

  /** The current version of every resource of this type, in the order they were created. */
  list(type: string): FhirResource[] {
    return structuredClone(new FhirDraft(this.data).all(type));
  }

  /** Every version of one resource, oldest first. */
  history(type: string, id: string): FhirResource[] {
    return structuredClone(this.data.history.get(type)?.get(id) ?? []);
  }

  /** How many resources of each type are stored (types with none left out). */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [type, byType] of this.data.history) counts[type] = byType.size;
    return counts;
  }

  count(counter: FhirCounter): void {
    this.counters[counter] += 1;
  }

  stats(): FhirStats {
    const patients = this.data.history.get('Patient')?.size ?? 0;
    return { patients, ...this.counters, idempotentReplays: 0 };
  }

  reset(): void {
    this.data = new FhirData();
    this.counters = { acceptedWrites: 0, rejected: 0, injectedFailures: 0 };
  }
}
