import { FHIR_TRANSACTION_ENDPOINT } from '../fhir/catalogue';
import type { EhrSystemRecord, OrganizationRecord } from './records';
import { seedEhrSystems, seedOrganizations } from './seed';

/**
 * Where the ehr subgraph keeps EHR systems and organizations. Resolvers see only this interface:
 * `InMemoryEhrStore` is the embedded default, `PostgresEhrStore` (`postgresStore.ts`) the one
 * chosen by `DATABASE_URL`.
 */
export interface EhrStore {
  ehrSystem(id: string): Promise<EhrSystemRecord | undefined>;
  /** Every EHR system, ordered by name. */
  ehrSystems(): Promise<EhrSystemRecord[]>;
  /** Adds an EHR system with its platform mapping versions; its id must be new. */
  addEhrSystem(system: EhrSystemRecord): Promise<void>;
  organization(id: string): Promise<OrganizationRecord | undefined>;
  /** Every organization, ordered by name. */
  organizations(): Promise<OrganizationRecord[]>;
  /** The organizations using one EHR system, ordered by name. */
  organizationsUsing(ehrSystemId: string): Promise<OrganizationRecord[]>;
  /** Adds an organization; its id must be new and its EHR system known. */
  addOrganization(organization: OrganizationRecord): Promise<void>;
  /** Points an organization at another (known) EHR system and answers the updated record. */
  setEhrSystem(organizationId: string, ehrSystemId: string): Promise<OrganizationRecord>;
  /**
   * Whether an endpoint of a system creates the patient, answered without I/O: the transaction
   * stores fix it on each transaction as it is added, inside their own atomic step. False for a
   * system this store has not seen; the engine reads a system before it makes transactions for it.
   */
  endpointCreatesPatient(ehrSystemId: string, endpoint: string): boolean;
}

/** Name order, the same for every store (a database's collation need not agree with it). */
export const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

/** Whether a transaction to `endpoint` may create the patient: a FHIR system's every Bundle does. */
export function createsPatientOf(system: EhrSystemRecord | undefined, endpoint: string): boolean {
  if (system?.kind === 'FHIR_R4') return endpoint === FHIR_TRANSACTION_ENDPOINT;
  return system?.endpoints.find((e) => e.path === endpoint)?.createsPatient ?? false;
}

export class InMemoryEhrStore implements EhrStore {
  private readonly systems = new Map<string, EhrSystemRecord>();
  private readonly orgs = new Map<string, OrganizationRecord>();

  constructor(systems: readonly EhrSystemRecord[], organizations: readonly OrganizationRecord[]) {
    for (const s of systems) this.systems.set(s.id, s);
    for (const o of organizations) this.insertOrganization(o);
  }

  addEhrSystem(system: EhrSystemRecord): Promise<void> {
    if (this.systems.has(system.id)) return Promise.reject(new Error(`EHR system ${system.id} exists`));
    this.systems.set(system.id, system);
    return Promise.resolve();
  }

  addOrganization(organization: OrganizationRecord): Promise<void> {
    return new Promise((done) => done(this.insertOrganization(organization)));
  }

  private insertOrganization(organization: OrganizationRecord): void {
    if (this.orgs.has(organization.id)) throw new Error(`organization ${organization.id} exists`);
    if (!this.systems.has(organization.ehrSystemId)) {
      throw new Error(`organization ${organization.id} uses unknown EHR ${organization.ehrSystemId}`);
    }
    this.orgs.set(organization.id, organization);
  }

  setEhrSystem(organizationId: string, ehrSystemId: string): Promise<OrganizationRecord> {
    const current = this.orgs.get(organizationId);
    if (!current || !this.systems.has(ehrSystemId)) {
      return Promise.reject(new Error('unknown organization or EHR system'));
    }
    const updated = { ...current, ehrSystemId };
    this.orgs.set(organizationId, updated);
    return Promise.resolve(updated);
  }

  ehrSystem(id: string): Promise<EhrSystemRecord | undefined> {
    return Promise.resolve(this.systems.get(id));
  }

  ehrSystems(): Promise<EhrSystemRecord[]> {
    return Promise.resolve([...this.systems.values()].sort(byName));
  }

  organization(id: string): Promise<OrganizationRecord | undefined> {
    return Promise.resolve(this.orgs.get(id));
  }

  organizations(): Promise<OrganizationRecord[]> {
    return Promise.resolve(this.sortedOrganizations());
  }

  organizationsUsing(ehrSystemId: string): Promise<OrganizationRecord[]> {
    return Promise.resolve(this.sortedOrganizations().filter((o) => o.ehrSystemId === ehrSystemId));
  }

  endpointCreatesPatient(ehrSystemId: string, endpoint: string): boolean {
    return createsPatientOf(this.systems.get(ehrSystemId), endpoint);
  }

  private sortedOrganizations(): OrganizationRecord[] {
    return [...this.orgs.values()].sort(byName);
  }
}

export function createSeededStore(): InMemoryEhrStore {
  return new InMemoryEhrStore(seedEhrSystems(), seedOrganizations());
}
