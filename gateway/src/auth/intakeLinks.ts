import { createHash, randomBytes } from 'node:crypto';

/**
 * A short intake link (`/intake/<id>`): the id is 16 random bytes (22 base64url characters),
 * short enough for an SMS and carrying nothing about the patient. The gateway keeps only the id's
 * SHA-256 with what the link allows, and exchanges the id for an intake token (intake.ts), so a
 * copy of the store cannot be turned into working links.
 */
export interface IntakeLinkRecord {
  /** SHA-256 (base64url) of the id in the URL. */
  idHash: string;
  /** The `jti` of every token the link is exchanged for: the clinical subgraph lets it answer once. */
  linkId: string;
  patientId: string;
  organizationId: string;
  questionnaireId: string;
  /** The clinic's name when the link was made, shown on the intake page; not PHI. */
  organizationName: string | null;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Where the gateway keeps intake links: in memory (here) or in PostgreSQL (postgresStores.ts). */
export interface IntakeLinkStore {
  addIntakeLink(link: IntakeLinkRecord): Promise<void>;
  intakeLink(idHash: string): Promise<IntakeLinkRecord | undefined>;
}

/** 16 random bytes, base64url without padding: 22 characters. */
export const SHORT_LINK_ID = /^[A-Za-z0-9_-]{22}$/;

export const newIntakeLinkId = (): string => randomBytes(16).toString('base64url');

export const intakeLinkIdHash = (id: string): string => createHash('sha256').update(id).digest('base64url');

export class InMemoryIntakeLinkStore implements IntakeLinkStore {
  private readonly links = new Map<string, IntakeLinkRecord>();

  addIntakeLink(link: IntakeLinkRecord): Promise<void> {
    this.links.set(link.idHash, { ...link });
    return Promise.resolve();
  }

  intakeLink(idHash: string): Promise<IntakeLinkRecord | undefined> {
    const link = this.links.get(idHash);
    return Promise.resolve(link && { ...link });
  }
}
