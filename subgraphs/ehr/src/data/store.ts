import type { EhrSystemRecord, OrganizationRecord } from './records';
import { seedEhrSystems, seedOrganizations } from './seed';

/**
 * Where the ehr subgraph keeps EHR systems and organizations. Resolvers see only this interface,
 * so a database-backed store can replace the in-memory one.
 */
export interface EhrStore {
  ehrSystem(id: string): EhrSystemRecord | undefined;
  /** Every EHR system, ordered by name. */
  ehrSystems(): EhrSystemRecord[];
  /** Adds an EHR system; its id must be new. */
  addEhrSystem(system: EhrSystemRecord): void;
  organization(id: string): OrganizationRecord | undefined;
  /** Every organization, ordered by name. */
  organizations(): OrganizationRecord[];
  /** The organizations using one EHR system, ordered by name. */
  organizationsUsing(ehrSystemId: string): OrganizationRecord[];
  /** Adds an organization; its id must be new and its EHR system known. */
  addOrganization(organization: OrganizationRecord): void;
  /** Points an organization at another (known) EHR system and answers the updated record. */
  setEhrSystem(organizationId: string, ehrSystemId: string): OrganizationRecord;
}

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

export class InMemoryEhrStore implements EhrStore {
  private readonly systems = new Map<string, EhrSystemRecord>();
  private readonly orgs = new Map<string, OrganizationRecord>();

  constructor(systems: readonly EhrSystemRecord[], organizations: readonly OrganizationRecord[]) {
    for (const s of systems) this.systems.set(s.id, s);
    for (const o of organizations) this.addOrganization(o);
  }

  addEhrSystem(system: EhrSystemRecord): void {
    if (this.systems.has(system.id)) throw new Error(`EHR system ${system.id} exists`);
    this.systems.set(system.id, system);
  }

  addOrganization(organization: OrganizationRecord): void {
    if (this.orgs.has(organization.id)) throw new Error(`organization ${organization.id} exists`);
    if (!this.systems.has(organization.ehrSystemId)) {
      throw new Error(`organization ${organization.id} uses unknown EHR ${organization.ehrSystemId}`);
    }
    this.orgs.set(organization.id, organization);
  }

  setEhrSystem(organizationId: string, ehrSystemId: string): OrganizationRecord {
    const current = this.orgs.get(organizationId);
    if (!current || !this.systems.has(ehrSystemId)) throw new Error('unknown organization or EHR system');
    const updated = { ...current, ehrSystemId };
    this.orgs.set(organizationId, updated);
    return updated;
  }

  ehrSystem(id: string): EhrSystemRecord | undefined {
    return this.systems.get(id);
  }

  ehrSystems(): EhrSystemRecord[] {
    return [...this.systems.values()].sort(byName);
  }

  organization(id: string): OrganizationRecord | undefined {
    return this.orgs.get(id);
  }

  organizations(): OrganizationRecord[] {
    return [...this.orgs.values()].sort(byName);
  }

  organizationsUsing(ehrSystemId: string): OrganizationRecord[] {
    return this.organizations().filter((o) => o.ehrSystemId === ehrSystemId);
  }
}

export function createSeededStore(): InMemoryEhrStore {
  return new InMemoryEhrStore(seedEhrSystems(), seedOrganizations());
}
