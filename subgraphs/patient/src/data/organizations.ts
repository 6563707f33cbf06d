import { SEED_ORGANIZATIONS } from '@carebridge/common';

/**
 * Organizations are owned by the ehr subgraph. This subgraph only needs to know which ids exist,
 * and reads them from the shared seed fixtures rather than calling ehr at request time: a
 * subgraph never calls another subgraph. When organizations become editable, ehr will publish
 * changes and this module becomes a local replica of their ids.
 */
const KNOWN = new Map(SEED_ORGANIZATIONS.map((org) => [org.id, org]));

export function isKnownOrganization(id: string): boolean {
  return KNOWN.has(id);
}

/** Prefix of generated MRNs: the initials of the organization's name, e.g. RH for Riverside Hospital. */
export function mrnPrefix(organizationId: string): string {
  const name = KNOWN.get(organizationId)?.name;
  if (name === undefined) return 'MRN';
  return name
    .split(/\s+/)
    .map((word) => word.charAt(0).toUpperCase())
    .join('')
    .slice(0, 2);
}
