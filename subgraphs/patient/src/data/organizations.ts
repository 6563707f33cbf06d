import { SEED_ORGANIZATIONS } from '@carebridge/common';

/**
 * Organizations are owned by the ehr subgraph, and this subgraph never calls another one. It needs
 * no list of them: a patient's organization is always the caller's own, from a token the gateway
 * signed. It knows the seeded organizations' names only for their MRN prefixes.
 */
const KNOWN = new Map(SEED_ORGANIZATIONS.map((org) => [org.id, org]));

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
