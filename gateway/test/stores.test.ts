import { randomUUID } from 'node:crypto';
import { testSchemas } from '@carebridge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmailTakenError, InMemoryAccountStore, type UserRecord } from '../src/auth/accounts';
import { openGatewayDatabase, type GatewayDatabase } from '../src/auth/database';
import { InMemoryIntakeLinkStore, intakeLinkIdHash, newIntakeLinkId } from '../src/auth/intakeLinks';
import { InMemoryInviteStore, type InviteRecord } from '../src/auth/invites';
import { signingKeyRing, storedSigningJwks } from '../src/auth/keys';
import { postgresStores } from '../src/auth/postgresStores';
import { InMemorySessionStore, type SessionRecord } from '../src/auth/sessions';
import type { AuthStores } from '../src/auth';
import { silentLogger } from '@carebridge/common';

/**
 * One contract, two implementations: every behaviour below holds for the in-memory stores and for
 * PostgreSQL (the real server; these fail, never skip, without one). A "pair" is two sets of
 * stores over the same data, as two gateway replicas have (two pools on one schema); in memory it
 * is one set twice.
 */

interface Backend {
  name: string;
  pair(): Promise<{ a: AuthStores; b: AuthStores; close(): Promise<void> }>;
}

const schemas = testSchemas('gwstore');
afterAll(() => schemas.drop());
let schemaCount = 0;
const freshSchema = () => schemas.schema(`gateway${++schemaCount}`);

const backends: Backend[] = [
  {
    name: 'in memory',
    pair: () => {
      const stores = {
        accounts: new InMemoryAccountStore(),
        sessions: new InMemorySessionStore(),
        invites: new InMemoryInviteStore(),
        intakeLinks: new InMemoryIntakeLinkStore(),
      };
      return Promise.resolve({ a: stores, b: stores, close: () => Promise.resolve() });
    },
  },
  {
    name: 'PostgreSQL',
    pair: async () => {
      const schema = freshSchema();
      const one = await openGatewayDatabase({ url: schemas.url, schema });
      const two = await openGatewayDatabase({ url: schemas.url, schema });
      return {
        a: postgresStores(one),
        b: postgresStores(two),
        close: async () => {
          await Promise.all([one.close(), two.close()]);
        },
      };
    },
  },
];

const userRecord = (overrides: Partial<UserRecord> = {}): UserRecord => ({
  id: randomUUID(),
  email: `${randomUUID()}@clinic.test`,
  name: 'Nurse',
  passwordHash: 'scrypt$hash',
  organizationId: 'org-1',
  role: 'CLINICIAN',
  createdAt: new Date(1_700_000_000_000).toISOString(),
  ...overrides,
});

const sessionRecord = (overrides: Partial<SessionRecord> = {}): SessionRecord => ({
  id: randomUUID(),
  userId: 'u-1',
  currentSecretHash: 'h0',
  usedSecretHashes: new Set(),
  expiresAt: 2_000_000_000_000,
  lastUsedAt: 1_700_000_000_000,
  revoked: false,
  previous: null,
  ...overrides,
});

const inviteRecord = (overrides: Partial<InviteRecord> = {}): InviteRecord => ({
  code: randomUUID(),
  organizationId: 'org-1',
  role: 'CLINICIAN',
  createdBy: 'u-admin',
  expiresAt: 2_000_000_000_000,
  usedAt: null,
  ...overrides,
});

describe.each(backends)('gateway stores ($name)', (backend) => {
  let pair: Awaited<ReturnType<Backend['pair']>>;
  beforeAll(async () => {
    pair = await backend.pair();
  });
  afterAll(() => pair.close());

  describe('AccountStore', () => {
    it('finds a user by id and by email whatever its case, as stored', async () => {
      const user = userRecord({ email: 'Mixed.Case@Clinic.test' });
      await pair.a.accounts.addUser(user);
      const stored = { ...user, email: 'mixed.case@clinic.test' };
      expect(await pair.b.accounts.userById(user.id)).toEqual(stored);
      expect(await pair.b.accounts.userByEmail('MIXED.case@clinic.TEST')).toEqual(stored);
      expect(await pair.b.accounts.userByEmail('someone.else@clinic.test')).toBeUndefined();
      expect(await pair.b.accounts.userById(randomUUID())).toBeUndefined();
    });

    it('refuses a second account of an email, whatever its case', async () => {
      const email = `${randomUUID()}@clinic.test`;
      await pair.a.accounts.addUser(userRecord({ email }));
      await expect(pair.b.accounts.addUser(userRecord({ email: email.toUpperCase() }))).rejects.toBeInstanceOf(
        EmailTakenError,
      );
    });

    it('lets exactly one of concurrent sign-ups of one email through', async () => {
      const email = `${randomUUID()}@clinic.test`;
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? pair.a : pair.b).accounts.addUser(userRecord({ email }))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(EmailTakenError);
    });

    it('hands out copies: changing a record read changes nothing stored', async () => {
      const user = userRecord();
      await pair.a.accounts.addUser(user);
      const read = (await pair.a.accounts.userById(user.id))!;
      read.role = 'ADMIN';
      expect((await pair.b.accounts.userById(user.id))!.role).toBe('CLINICIAN');
    });
  });

  describe('SessionStore', () => {
    it('keeps a session as given', async () => {
      const session = sessionRecord({ usedSecretHashes: new Set(['old']) });
      await pair.a.sessions.addSession(session);
      expect(await pair.b.sessions.session(session.id)).toEqual(session);
      expect(await pair.b.sessions.session(randomUUID())).toBeUndefined();
    });

    it('rotates only from the current secret, remembering the used one', async () => {
      const session = sessionRecord();
      await pair.a.sessions.addSession(session);
      const rotation = {
        usedSecretHash: 'h0',
        currentSecretHash: 'h1',
        lastUsedAt: 1_700_000_060_000,
        sealedSuccessor: 'sealed-h1',
      };
      expect(await pair.a.sessions.rotate(session.id, rotation)).toBe(true);
      expect(await pair.b.sessions.session(session.id)).toEqual({
        ...session,
        currentSecretHash: 'h1',
        usedSecretHashes: new Set(['h0']),
        lastUsedAt: 1_700_000_060_000,
        // The last rotation, for a concurrent refresh with h0 within the grace window.
        previous: { secretHash: 'h0', rotatedAt: 1_700_000_060_000, sealedSuccessor: 'sealed-h1' },
      });
      // The next rotation replaces it.
      expect(
        await pair.b.sessions.rotate(session.id, {
          usedSecretHash: 'h1',
          currentSecretHash: 'h2',
          lastUsedAt: 1_700_000_120_000,
          sealedSuccessor: 'sealed-h2',
        }),
      ).toBe(true);
      expect(await pair.a.sessions.session(session.id)).toMatchObject({
        currentSecretHash: 'h2',
        usedSecretHashes: new Set(['h0', 'h1']),
        previous: { secretHash: 'h1', rotatedAt: 1_700_000_120_000, sealedSuccessor: 'sealed-h2' },
      });
      // h0 is used now: exchanging it again changes nothing.
      expect(await pair.b.sessions.rotate(session.id, { ...rotation, currentSecretHash: 'h3' })).toBe(false);
      expect((await pair.a.sessions.session(session.id))!.currentSecretHash).toBe('h2');
      expect(await pair.a.sessions.rotate(randomUUID(), rotation)).toBe(false);
    });

    it('lets exactly one of concurrent refreshes with one secret rotate', async () => {
      const session = sessionRecord();
      await pair.a.sessions.addSession(session);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? pair.a : pair.b).sessions.rotate(session.id, {
            usedSecretHash: 'h0',
            currentSecretHash: `next-${i}`,
            lastUsedAt: 1_700_000_000_001,
            sealedSuccessor: `sealed-${i}`,
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await pair.b.sessions.session(session.id)).toMatchObject({
        currentSecretHash: `next-${winner}`,
        usedSecretHashes: new Set(['h0']),
        // The losers find the winner's successor here.
        previous: { secretHash: 'h0', sealedSuccessor: `sealed-${winner}` },
      });
    });

    it('revokes, and a revoked session does not rotate', async () => {
      const session = sessionRecord();
      await pair.a.sessions.addSession(session);
      await pair.b.sessions.revoke(session.id);
      expect((await pair.a.sessions.session(session.id))!.revoked).toBe(true);
      expect(
        await pair.a.sessions.rotate(session.id, {
          usedSecretHash: 'h0',
          currentSecretHash: 'h1',
          lastUsedAt: 1,
          sealedSuccessor: 's',
        }),
      ).toBe(false);
      await pair.a.sessions.revoke(randomUUID());
    });
  });

  describe('InviteStore', () => {
    it('keeps an invite as given', async () => {
      const invite = inviteRecord({ role: 'ADMIN' });
      await pair.a.invites.addInvite(invite);
      expect(await pair.b.invites.invite(invite.code)).toEqual(invite);
      expect(await pair.b.invites.invite('made-up')).toBeUndefined();
    });

    it('claims an unused, unexpired invite once', async () => {
      const invite = inviteRecord();
      await pair.a.invites.addInvite(invite);
      expect(await pair.b.invites.claim(invite.code, 1_800_000_000_000)).toEqual({
        ...invite,
        usedAt: 1_800_000_000_000,
      });
      expect(await pair.a.invites.claim(invite.code, 1_800_000_000_001)).toBeUndefined();
      expect((await pair.a.invites.invite(invite.code))!.usedAt).toBe(1_800_000_000_000);
      expect(await pair.a.invites.claim('made-up', 1)).toBeUndefined();
    });

    it('does not claim an expired invite', async () => {
      const invite = inviteRecord({ expiresAt: 1_000 });
      await pair.a.invites.addInvite(invite);
      expect(await pair.b.invites.claim(invite.code, 1_000)).toBeUndefined();
      expect((await pair.b.invites.invite(invite.code))!.usedAt).toBeNull();
    });

    it('lets exactly one of concurrent claims of one invite through', async () => {
      const invite = inviteRecord();
      await pair.a.invites.addInvite(invite);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? pair.a : pair.b).invites.claim(invite.code, 1_800_000_000_000 + i),
        ),
      );
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    });

    it('lists an organization’s usable invites, the latest to expire first', async () => {
      const organizationId = `org-${randomUUID()}`;
      const older = inviteRecord({ organizationId, code: 'pending-a', expiresAt: 1_900_000_000_000 });
      const newer = inviteRecord({ organizationId, code: 'pending-b', role: 'ADMIN' });
      const used = inviteRecord({ organizationId, usedAt: 1_800_000_000_000 });
      const expired = inviteRecord({ organizationId, expiresAt: 1_000 });
      const elsewhere = inviteRecord({ organizationId: `org-${randomUUID()}` });
      for (const invite of [older, newer, used, expired, elsewhere]) await pair.a.invites.addInvite(invite);
      expect(await pair.b.invites.pending(organizationId, 1_800_000_000_000)).toEqual([newer, older]);
    });

    it('revokes an unused invite of its organization only, once', async () => {
      const invite = inviteRecord();
      const used = inviteRecord({ usedAt: 1_800_000_000_000 });
      await pair.a.invites.addInvite(invite);
      await pair.a.invites.addInvite(used);
      expect(await pair.b.invites.revoke(invite.code, 'org-other')).toBe(false);
      expect(await pair.b.invites.revoke(used.code, used.organizationId)).toBe(false);
      expect(await pair.b.invites.revoke(invite.code, invite.organizationId)).toBe(true);
      expect(await pair.a.invites.revoke(invite.code, invite.organizationId)).toBe(false);
      expect(await pair.a.invites.invite(invite.code)).toBeUndefined();
      expect(await pair.a.invites.claim(invite.code, 1_800_000_000_000)).toBeUndefined();
      expect(await pair.a.invites.invite(used.code)).toEqual(used);
    });
  });

  describe('IntakeLinkStore', () => {
    it('keeps a link under the hash of its id, which the id alone finds', async () => {
      const id = newIntakeLinkId();
      const link = {
        idHash: intakeLinkIdHash(id),
        linkId: randomUUID(),
        patientId: 'pt-1',
        organizationId: 'org-1',
        questionnaireId: 'qn-1',
        organizationName: 'Riverside Clinic',
        expiresAt: 2_000_000_000_000,
      };
      await pair.a.intakeLinks.addIntakeLink(link);
      expect(id).toMatch(/^[\w-]{22}$/);
      expect(await pair.b.intakeLinks.intakeLink(intakeLinkIdHash(id))).toEqual(link);
      expect(await pair.b.intakeLinks.intakeLink(id)).toBeUndefined();
      expect(await pair.b.intakeLinks.intakeLink(intakeLinkIdHash(newIntakeLinkId()))).toBeUndefined();
    });
  });
});

describe('signing keys kept in PostgreSQL', () => {
  const open = (schema: string): Promise<GatewayDatabase> => openGatewayDatabase({ url: schemas.url, schema });

  it('are generated once and read back by the next start, which then signs with the same key', async () => {
    const schema = freshSchema();
    const first = await open(schema);
    const before = await signingKeyRing(undefined, silentLogger, first);
    await first.close();
    const second = await open(schema);
    const after = await signingKeyRing(undefined, silentLogger, second);
    await second.close();
    expect(after.jwks).toEqual(before.jwks);
    expect(after.signing.kid).toBe(before.signing.kid);
  });

  it('are one key for replicas starting at once', async () => {
    const schema = freshSchema();
    const databases = await Promise.all(Array.from({ length: 4 }, () => open(schema)));
    try {
      const keys = await Promise.all(databases.map((database) => storedSigningJwks(database)));
      // The same private key everywhere (compared by its parts: jsonb does not keep key order).
      const parts = keys.map((jwks) => jwks.map(({ kid, d, x, y }) => ({ kid, d, x, y })));
      for (const each of parts) expect(each).toEqual(parts[0]);
      expect(parts[0]).toHaveLength(1);
      expect(parts[0]![0]!.d).toEqual(expect.any(String));
    } finally {
      await Promise.all(databases.map((database) => database.close()));
    }
  });

  it('give way to AUTH_SIGNING_KEYS', async () => {
    const schema = freshSchema();
    const database = await open(schema);
    try {
      const stored = await signingKeyRing(undefined, silentLogger, database);
      const configuredJwk = (await storedSigningJwks(database))[0]!;
      const other = { ...configuredJwk, kid: 'configured' };
      const configured = await signingKeyRing([other], silentLogger, database);
      expect(configured.signing.kid).toBe('configured');
      expect(stored.signing.kid).not.toBe('configured');
    } finally {
      await database.close();
    }
  });
});
