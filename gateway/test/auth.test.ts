import { describe, expect, it } from 'vitest';
import { createTokenVerifier, silentLogger } from '@carebridge/common';
import { InMemoryAccountStore } from '../src/auth/accounts';
import { InMemoryInviteStore } from '../src/auth/invites';
import { ConcurrencyLimiter } from '../src/auth/limiter';
import { generateSigningJwk, keyRingFromJwks } from '../src/auth/keys';
import { hashPassword, OWASP_SCRYPT, verifyPassword } from '../src/auth/passwords';
import { AuthService, DEFAULT_REFRESH_GRACE_MS, type OrganizationRegistry } from '../src/auth/service';
import { Revocations } from '../src/auth/revocation';
import { InMemorySessionStore, openSuccessor, sealSuccessor } from '../src/auth/sessions';
import { createTokenIssuer } from '../src/auth/tokens';
import { TEST_PASSWORD_PARAMS } from '../../scripts/lib/stack/inProcess';
import { createSharedState } from '../src/shared';

const PASSWORD = 'correct horse battery';

async function setup(
  options: { organizations?: OrganizationRegistry; now?: () => number; hashLimiter?: ConcurrencyLimiter } = {},
) {
  const keys = await keyRingFromJwks([await generateSigningJwk()]);
  const tokens = createTokenIssuer({ keys, issuer: 'carebridge-gateway', audience: 'carebridge-graph' });
  const calls = { hash: 0, verify: 0 };
  const registered: string[] = [];
  const shared = await createSharedState({ logger: silentLogger, now: options.now ?? Date.now });
  const revocations = new Revocations(shared.denyList, options.now ?? Date.now);
  const auth = new AuthService({
    accounts: new InMemoryAccountStore(),
    sessions: new InMemorySessionStore(),
    invites: new InMemoryInviteStore(),
    tokens,
    guard: shared.loginGuard(),
    revocations,
    organizations: options.organizations ?? {
      register: (organization, admin) => {
        registered.push(`${admin.organizationId}:${organization.name}`);
        return Promise.resolve([]);
      },
    },
    passwordParams: TEST_PASSWORD_PARAMS,
    passwords: {
      hash: (password, params) => {
        calls.hash += 1;
        return hashPassword(password, params);
      },
      verify: (password, encoded) => {
        calls.verify += 1;
        return verifyPassword(password, encoded);
      },
    },
    ...(options.now ? { now: options.now } : {}),
    ...(options.hashLimiter ? { hashLimiter: options.hashLimiter } : {}),
  });
  await auth.addUser({
    email: 'nurse@clinic.test',
    name: 'Nurse',
    password: PASSWORD,
    organizationId: 'org-1',
    role: 'CLINICIAN',
  });
  calls.hash = 0;
  const verify = createTokenVerifier({ jwks: keys.jwks });
  return { auth, keys, calls, registered, verify, check: revocations.checking(verify) };
}

describe('passwords', () => {
  it('default to OWASP’s scrypt parameters (N=2^17, r=8, p=1)', () => {
    expect(OWASP_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
  });

  it('verify the right password and not a wrong one, and never store the password', async () => {
    const encoded = await hashPassword(PASSWORD, TEST_PASSWORD_PARAMS);
    expect(encoded).not.toContain(PASSWORD);
    expect([await verifyPassword(PASSWORD, encoded), await verifyPassword('wrong password!', encoded)]).toEqual([
      true,
      false,
    ]);
  });
});

describe('log-in', () => {
  it('signs in with the right password and issues a token that verifies with the published keys', async () => {
    const { auth, verify } = await setup();
    const result = await auth.login({ email: 'Nurse@Clinic.test', password: PASSWORD });
    expect(result.status).toBe(200);
    const verified = await verify(result.body['accessToken'] as string);
    expect(verified).toMatchObject({ ok: true, viewer: { kind: 'staff', organizationId: 'org-1', role: 'CLINICIAN' } });
    expect(result.refreshCookie).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it('answers an unknown email and a wrong password identically, after one password check each', async () => {
    const { auth, calls } = await setup();
    const unknown = await auth.login({ email: 'nobody@clinic.test', password: PASSWORD });
    const afterUnknown = { ...calls };
    const wrong = await auth.login({ email: 'nurse@clinic.test', password: 'not the password' });
    expect(unknown).toEqual(wrong);
    expect(unknown).toEqual({
      status: 401,
      body: { error: 'Email or password is incorrect.', code: 'UNAUTHENTICATED' },
    });
    expect([afterUnknown.verify, calls.verify]).toEqual([1, 2]);
  });

  it('refuses an over-long password before hashing anything', async () => {
    const { auth, calls } = await setup();
    const result = await auth.login({ email: 'nurse@clinic.test', password: 'x'.repeat(10_000) });
    expect([result.status, calls.verify, calls.hash]).toEqual([400, 0, 0]);
  });

  it('slows one account down after repeated failures, the same for an unknown email, and lets it in later', async () => {
    let now = 1_000_000;
    const { auth } = await setup({ now: () => now });
    for (let i = 0; i < 5; i++) await auth.login({ email: 'nurse@clinic.test', password: 'wrong password!' });
    for (let i = 0; i < 5; i++) await auth.login({ email: 'ghost@clinic.test', password: 'wrong password!' });
    const real = await auth.login({ email: 'nurse@clinic.test', password: PASSWORD });
    const ghost = await auth.login({ email: 'ghost@clinic.test', password: PASSWORD });
    expect(real).toEqual(ghost);
    expect([real.status, real.retryAfterSeconds]).toEqual([429, 1]);
    const otherAccount = await auth.login({ email: 'someone@clinic.test', password: PASSWORD });
    expect(otherAccount.status).toBe(401);
    now += 1_001;
    expect((await auth.login({ email: 'nurse@clinic.test', password: PASSWORD })).status).toBe(200);
  });
});

describe('refresh', () => {
  it('rotates the refresh token on every use', async () => {
    const { auth } = await setup();
    const login = await auth.login({ email: 'nurse@clinic.test', password: PASSWORD });
    const first = await auth.refresh(login.refreshCookie);
    const second = await auth.refresh(first.refreshCookie);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(new Set([login.refreshCookie, first.refreshCookie, second.refreshCookie]).size).toBe(3);
  });

  it('ends the whole session when an already used refresh token comes back after the grace window', async () => {
    let now = 5_000_000;
    const { auth } = await setup({ now: () => now });
    const login = await auth.login({ email: 'nurse@clinic.test', password: PASSWORD });
    const rotated = await auth.refresh(login.refreshCookie);
    now += DEFAULT_REFRESH_GRACE_MS;
    const replay = await auth.refresh(login.refreshCookie);
    const legitimate = await auth.refresh(rotated.refreshCookie);
    expect([replay.status, legitimate.status]).toEqual([401, 401]);
    expect(replay.refreshCookie).toBe('');
  });

  it('ends after log-out and after 30 minutes without use', async () => {
    let now = 5_000_000;
    const { auth } = await setup({ now: () => now });
    const a = await auth.login({ email: 'nurse@clinic.test', password: PASSWORD });
    await auth.logout(a.refreshCookie);
    expect((await auth.refresh(a.refreshCookie)).status).toBe(401);
    const b = await auth.login({ email: 'nurse@clinic.test', password: PASSWORD });
    now += 31 * 60_000;
    expect((await auth.refresh(b.refreshCookie)).status).toBe(401);
  });
});

describe('throttling and revocation', () => {
  it('counts concurrent wrong passwords before checking them, so a burst gets 429s', async () => {
    const { auth, calls } = await setup();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => auth.login({ email: 'nurse@clinic.test', password: 'wrong password!' }, 'a')),
    );
    const statuses = results.map((r) => r.status);
    // Five free attempts per (email, source); every other one is refused before any scrypt.
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    expect(calls.verify).toBe(5);
  });

  it('answers 503 TOO_BUSY with Retry-After, before any scrypt, once the hashing queue is full', async () => {
    const { auth, calls } = await setup({ hashLimiter: new ConcurrencyLimiter({ concurrency: 1, queue: 1 }) });
    const logins = await Promise.all(
      Array.from({ length: 5 }, (_, i) => auth.login({ email: `nobody${i}@clinic.test`, password: 'wrong password!' })),
    );
    expect(logins.map((r) => r.status)).toEqual([401, 401, 503, 503, 503]);
    expect(logins[4]).toMatchObject({ body: { code: 'TOO_BUSY' }, retryAfterSeconds: 2 });
    expect(calls.verify).toBe(2);
    // Sign-up hashes through the same limiter, and a refused one creates nothing.
    const clinic = { name: 'Pine Clinic', kind: 'CLINIC', ehrSystemId: 'ehr-athena' };
    const signups = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        auth.signup({ email: `new${i}@pine.test`, password: PASSWORD, name: 'N', organization: clinic }),
      ),
    );
    expect(signups.map((r) => r.status)).toEqual([201, 201, 503]);
    expect(calls.hash).toBe(2);
    expect((await auth.login({ email: 'new2@pine.test', password: PASSWORD })).status).toBe(401);
  });

  it('lets two concurrent refreshes with one token both continue the session, with the same new token', async () => {
    const { auth, check } = await setup();
    const login = await auth.login({ email: 'nurse@clinic.test', password: PASSWORD });
    const [a, b] = await Promise.all([auth.refresh(login.refreshCookie), auth.refresh(login.refreshCookie)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.refreshCookie).toBe(b.refreshCookie);
    expect(a.refreshCookie).not.toBe(login.refreshCookie);
    for (const result of [a, b]) expect((await check(result.body['accessToken'] as string)).ok).toBe(true);
    expect((await auth.refresh(a.refreshCookie)).status).toBe(200);
  });

  it('gives the successor within the grace window only, and only for the exchanged secret', async () => {
    let now = 5_000_000;
    const { auth } = await setup({ now: () => now });
    const login = await auth.login({ email: 'nurse@clinic.test', password: PASSWORD });
    const rotated = await auth.refresh(login.refreshCookie);
    now += DEFAULT_REFRESH_GRACE_MS - 1;
    const late = await auth.refresh(login.refreshCookie);
    expect([late.status, late.refreshCookie]).toEqual([200, rotated.refreshCookie]);
    // A made-up secret for the same session is neither current nor the exchanged one.
    const [sessionId] = login.refreshCookie!.split('.');
    expect((await auth.refresh(`${sessionId}.made-up`)).status).toBe(401);
    now += 1;
    expect((await auth.refresh(login.refreshCookie)).status).toBe(401);
    expect((await auth.refresh(rotated.refreshCookie)).status).toBe(401);
  });

  it('opens a sealed successor only with the secret it was sealed with', () => {
    const sealed = sealSuccessor('predecessor-secret', 'successor-secret', 'session-1');
    expect(sealed).not.toContain('successor');
    expect(openSuccessor('predecessor-secret', sealed, 'session-1')).toBe('successor-secret');
    expect(openSuccessor('another-secret', sealed, 'session-1')).toBeUndefined();
    expect(openSuccessor('predecessor-secret', sealed, 'session-2')).toBeUndefined();
  });

  it('refuses the session’s access tokens after a replayed refresh token', async () => {
    let now = 5_000_000;
    const { auth, check } = await setup({ now: () => now });
    const login = await auth.login({ email: 'nurse@clinic.test', password: PASSWORD });
    const rotated = await auth.refresh(login.refreshCookie);
    const tokens = [login.body['accessToken'] as string, rotated.body['accessToken'] as string];
    expect((await Promise.all(tokens.map(check))).map((r) => r.ok)).toEqual([true, true]);
    now += DEFAULT_REFRESH_GRACE_MS;
    expect((await auth.refresh(login.refreshCookie)).status).toBe(401);
    expect(await Promise.all(tokens.map(check))).toEqual([
      { ok: false, reason: 'revoked' },
      { ok: false, reason: 'revoked' },
    ]);
  });

  it('refuses the presented access token and the session’s others after log-out, and no one else’s', async () => {
    const { auth, check } = await setup();
    const mine = await auth.login({ email: 'nurse@clinic.test', password: PASSWORD });
    const other = await auth.login({ email: 'nurse@clinic.test', password: PASSWORD });
    const token = mine.body['accessToken'] as string;
    await auth.logout(mine.refreshCookie, Revocations.claims(token));
    expect(await check(token)).toEqual({ ok: false, reason: 'revoked' });
    expect((await auth.refresh(mine.refreshCookie)).status).toBe(401);
    expect((await check(other.body['accessToken'] as string)).ok).toBe(true);
  });

  it('ends the session of an access token sent to log-out without its cookie', async () => {
    const { auth, check } = await setup();
    const login = await auth.login({ email: 'nurse@clinic.test', password: PASSWORD });
    const token = login.body['accessToken'] as string;
    await auth.logout(undefined, Revocations.claims(token));
    expect(await check(token)).toEqual({ ok: false, reason: 'revoked' });
    expect((await auth.refresh(login.refreshCookie)).status).toBe(401);
  });
});

describe('sign-up', () => {
  const clinic = { name: 'Pine Clinic', kind: 'CLINIC', ehrSystemId: 'ehr-athena' };

  it('registers a clinic whose first user is its ADMIN', async () => {
    const { auth, registered, verify } = await setup();
    const result = await auth.signup({
      email: 'owner@pine.test',
      password: PASSWORD,
      name: 'Olive Owner',
      organization: clinic,
    });
    expect(result.status).toBe(201);
    expect(registered).toEqual([expect.stringMatching(/^org-[\w-]+:Pine Clinic$/)]);
    const login = await auth.login({ email: 'owner@pine.test', password: PASSWORD });
    const verified = await verify(login.body['accessToken'] as string);
    expect(verified).toMatchObject({
      ok: true,
      viewer: { role: 'ADMIN', organizationId: registered[0]!.split(':')[0] },
    });
  });

  it('answers an already registered email exactly as a new one, and creates nothing', async () => {
    const { auth, registered } = await setup();
    const taken = await auth.signup({
      email: 'nurse@clinic.test',
      password: PASSWORD,
      name: 'Someone',
      organization: clinic,
    });
    const fresh = await auth.signup({
      email: 'new@clinic.test',
      password: PASSWORD,
      name: 'Someone',
      organization: clinic,
    });
    expect(taken).toEqual(fresh);
    expect(registered).toHaveLength(1);
    expect((await auth.login({ email: 'nurse@clinic.test', password: PASSWORD })).status).toBe(200);
  });

  it('joins an organization only with a valid, unused invite, with the invite’s role', async () => {
    const { auth, verify } = await setup();
    const admin = { kind: 'staff', userId: 'u-admin', organizationId: 'org-1', role: 'ADMIN' } as const;
    const invite = await auth.invites.create(admin, { role: 'CLINICIAN' });
    const code = invite.body['code'] as string;
    const joined = await auth.signup({
      email: 'new.nurse@clinic.test',
      password: PASSWORD,
      name: 'New Nurse',
      inviteCode: code,
    });
    const reused = await auth.signup({
      email: 'other@clinic.test',
      password: PASSWORD,
      name: 'Other',
      inviteCode: code,
    });
    const forged = await auth.signup({ email: 'x@clinic.test', password: PASSWORD, name: 'X', inviteCode: 'made-up' });
    expect([joined.status, reused.status, forged.status]).toEqual([201, 400, 400]);
    const login = await auth.login({ email: 'new.nurse@clinic.test', password: PASSWORD });
    expect(await verify(login.body['accessToken'] as string)).toMatchObject({
      viewer: { organizationId: 'org-1', role: 'CLINICIAN' },
    });
  });

  it('uses up an invite whether or not the email is registered, and answers alike', async () => {
    const { auth, calls } = await setup();
    const admin = { kind: 'staff', userId: 'u-admin', organizationId: 'org-1', role: 'ADMIN' } as const;
    const codes = await Promise.all(
      [1, 2].map(async () => (await auth.invites.create(admin, { role: 'CLINICIAN' })).body['code'] as string),
    );
    const taken = await auth.signup({
      email: 'nurse@clinic.test',
      password: PASSWORD,
      name: 'N',
      inviteCode: codes[0],
    });
    const fresh = await auth.signup({ email: 'new@clinic.test', password: PASSWORD, name: 'N', inviteCode: codes[1] });
    expect(taken).toEqual(fresh);
    expect(calls.hash).toBe(2);
    // Both invites are used now.
    const again = await Promise.all(
      codes.map((inviteCode, i) =>
        auth.signup({ email: `x${i}@clinic.test`, password: PASSWORD, name: 'X', inviteCode }),
      ),
    );
    expect(again.map((r) => r.status)).toEqual([400, 400]);
    // The registered account is as it was.
    expect((await auth.login({ email: 'nurse@clinic.test', password: PASSWORD })).status).toBe(200);
  });

  it('refuses a password of spaces only, a common one and the person’s own name, without repeating it', async () => {
    const { auth } = await setup();
    const clinicBody = { name: 'Pine Clinic', kind: 'CLINIC', ehrSystemId: 'ehr-athena' };
    const problems = async (password: string) => {
      const result = await auth.signup({
        email: 'olive.owner@pine.test',
        password,
        name: 'Olive Owner',
        organization: clinicBody,
      });
      expect(result.status).toBe(400);
      if (password.trim()) expect(JSON.stringify(result.body)).not.toContain(password);
      return result.body['problems'];
    };
    expect(await problems(' '.repeat(12))).toEqual([
      { field: 'password', message: 'must not be only spaces', code: 'PASSWORD_BLANK' },
    ]);
    expect(await problems('Password1234!')).toEqual([
      {
        field: 'password',
        message: 'is too common or too easy to guess: choose a longer phrase of your own',
        code: 'PASSWORD_COMMON',
      },
    ]);
    expect(await problems('OliveOwner2024')).toEqual([
      { field: 'password', message: 'must not be your email address or name', code: 'PASSWORD_PERSONAL' },
    ]);
  });

  it('lets only an ADMIN create invites', async () => {
    const { auth } = await setup();
    const clinician = { kind: 'staff', userId: 'u', organizationId: 'org-1', role: 'CLINICIAN' } as const;
    expect((await auth.invites.create(clinician, { role: 'ADMIN' })).status).toBe(403);
  });

  it('names every invalid field, and refuses a short password', async () => {
    const { auth } = await setup();
    const result = await auth.signup({
      email: 'not-an-email',
      password: 'short',
      name: '',
      organization: { name: 'P', kind: 'SPA' },
    });
    expect(result.body['problems']).toEqual([
      { field: 'email', message: 'is not an email address', code: 'INVALID_EMAIL' },
      { field: 'password', message: 'must be at least 12 characters', code: 'PASSWORD_TOO_SHORT' },
      { field: 'name', message: 'must be 1 to 100 characters', code: 'INVALID_LENGTH' },
      { field: 'organization.name', message: 'must be 2 to 120 characters', code: 'INVALID_LENGTH' },
      { field: 'organization.kind', message: 'must be HOSPITAL or CLINIC', code: 'INVALID_CHOICE' },
      { field: 'organization.ehrSystemId', message: 'is required', code: 'REQUIRED' },
    ]);
  });

  it('refuses names with a control or invisible character or starting like a formula, and keeps names in NFC', async () => {
    const { auth, registered } = await setup();
    const result = await auth.signup({
      email: 'evil@clinic.test',
      password: PASSWORD,
      name: 'Eve\u202Egnp.exe',
      organization: { ...clinic, name: '=HYPERLINK("http://evil","x")' },
    });
    expect([result.status, result.body['problems']]).toEqual([
      400,
      [
        { field: 'name', message: 'contains a control or invisible character', code: 'INVALID_CHARACTERS' },
        { field: 'organization.name', message: 'must not start with =, +, - or @', code: 'FORMULA_START' },
      ],
    ]);
    const invisible = await auth.signup({
      email: 'evil@clinic.test',
      password: PASSWORD,
      name: 'Eve',
      organization: { ...clinic, name: 'Pine\u200B Clinic\u0000' },
    });
    expect(invisible.body['problems']).toEqual([
      { field: 'organization.name', message: 'contains a control or invisible character', code: 'INVALID_CHARACTERS' },
    ]);
    expect(JSON.stringify([result, invisible])).not.toMatch(/gnp|HYPERLINK|Pine/);
    expect(registered).toEqual([]);

    const nfd = (text: string) => text.normalize('NFD');
    const signed = await auth.signup({
      email: 'jose@clinic.test',
      password: PASSWORD,
      name: nfd('José Núñez'),
      organization: { ...clinic, name: nfd('Clínica Peña') },
    });
    expect(signed.status).toBe(201);
    expect(registered).toEqual([expect.stringMatching(/:Clínica Peña$/)]);
    const login = await auth.login({ email: 'jose@clinic.test', password: PASSWORD });
    expect(login.body['user']).toMatchObject({ name: 'José Núñez' });
  });

  it('passes on the ehr subgraph’s problems with the organization', async () => {
    const { auth } = await setup({
      organizations: {
        register: () => Promise.resolve([{ field: 'ehrSystemId', message: 'is not a known EHR system' }]),
      },
    });
    const result = await auth.signup({ email: 'a@b.test', password: PASSWORD, name: 'A', organization: clinic });
    expect([result.status, result.body['problems']]).toEqual([
      400,
      [{ field: 'organization.ehrSystemId', message: 'is not a known EHR system' }],
    ]);
    expect((await auth.login({ email: 'a@b.test', password: PASSWORD })).status).toBe(401);
  });
});

describe('signing keys', () => {
  it('keep tokens signed by the previous key valid after a rotation', async () => {
    const oldJwk = await generateSigningJwk();
    const before = await keyRingFromJwks([oldJwk]);
    const token = await createTokenIssuer({ keys: before, issuer: 'i', audience: 'a' }).accessToken({
      id: 'u',
      organizationId: 'o',
      role: 'ADMIN',
    });
    const after = await keyRingFromJwks([await generateSigningJwk(), oldJwk]);
    expect(after.jwks.keys).toHaveLength(2);
    expect(await createTokenVerifier({ jwks: after.jwks, issuer: 'i', audience: 'a' })(token)).toMatchObject({
      ok: true,
    });
  });

  it('publish only public parts', async () => {
    const keys = await keyRingFromJwks([await generateSigningJwk()]);
    expect(keys.jwks.keys.map((k) => Object.keys(k).sort())).toEqual([['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']]);
  });
});
