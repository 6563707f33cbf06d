import type { DataCategory, OrganizationKind } from '../__generated__/resolvers-types';

/** One endpoint of an EHR's API and the categories of data sent to it. */
export interface EndpointRecord {
  path: string;
  categories: DataCategory[];
}

/** How one canonical field is sent: the EHR's key for it and the endpoint path it goes to. */
export interface FieldMappingRecord {
  source: string;
  target: string;
  endpoint: string;
}

/** One published, immutable mapping version. */
export interface MappingVersionRecord {
  version: number;
  publishedAt: string;
  fields: FieldMappingRecord[];
}

export interface EhrSystemRecord {
  id: string;
  name: string;
  baseUrl: string;
  endpoints: EndpointRecord[];
  /** Every published version, oldest first; the last one is in force. */
  mappings: MappingVersionRecord[];
}

export interface OrganizationRecord {
  id: string;
  name: string;
  kind: OrganizationKind;
  ehrSystemId: string;
}

/**
 * A patient as the gateway hands it to this subgraph: its key, plus the organization id that
 * `Patient.ehrSystem` @requires (absent when the gateway only asks for the key).
 */
export interface PatientReference {
  id: string;
  organization?: { id: string } | null;
}

export interface CanonicalFieldRecord {
  name: string;
  category: DataCategory;
  description: string;
}
