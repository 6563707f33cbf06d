import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { silentLogger, type FieldProblem, type Logger, type Role } from '@carebridge/common';
import type { LoginGuard } from '../shared';
import { EmailTakenError, type AccountStore } from './accounts';
import { InviteAdmin } from './inviteAdmin';
import type { InviteStore } from './invites';
import { ConcurrencyLimiter, TooBusyError } from './limiter';
import { hashPassword, OWASP_SCRYPT, PASSWORD_MAX_LENGTH, verifyPassword, type ScryptParams } from './passwords';
import { invalid, type AuthResult } from './results';
import type { Revocations, TokenClaims } from './revocation';
import { parseSignup, type NewOrganization } from './signupInput';
import { openSuccessor, sealSuccessor, type SessionRecord, type SessionStore } from './sessions';
import { ACCESS_TOKEN_SECONDS, type TokenIssuer } from './tokens';

export type { AuthResult } from './results';

export type { NewOrganization } from './signupInput';

/** The ehr subgraph owns organizations; the gateway asks it to create one for a new clinic. */
export interface OrganizationRegistry {
  register(organization: NewOrganization, admin: { userId: string; organizationId: string }): Promise<FieldProblem[]>;
}

export interface AuthServiceOptions {
  accounts: AccountStore;
  sessions: SessionStore;
  invites: InviteStore;
  tokens: TokenIssuer;
  /** Log-in throttles per (email, source) and per email (shared/throttle.ts). */
  guard: LoginGuard;
  /** Where ended sessions and logged-out tokens are listed (revocation.ts). */
  revocations: Revocations;
  organizations: OrganizationRegistry;
  passwordParams?: ScryptParams;
  /** Password hashing; tests count calls to show that every log-in costs the same. */
  passwords?: { hash: typeof hashPassword; verify: typeof verifyPassword };
  /** Bounds the hashing running and waiting at once (limiter.ts); 2 and 32 by default. */
  hashLimiter?: ConcurrencyLimiter;
  /** A session ends after this long without a refresh. */
  idleTimeoutMs?: number;
  /** A session ends after this long whatever happens. */
  sessionLifetimeMs?: number;
  /**
   * How long after a rotation the refresh secret it exchanged still gets the same new one (20 s):
   * two refreshes sent at once with one cookie both continue the session. 0: never.
   */
  refreshGraceMs?: number;
  inviteLifetimeMs?: number;
  now?: () => number;
  logger?: Logger;
}

const LOGIN_FAILED = { error: 'Email or password is incorrect.', code: 'UNAUTHENTICATED' };
const SIGNED_UP = {
  status: 'ok',
  message: 'If this email can be registered, the account is ready: sign in to continue.',
};

/** How long the refresh secret a rotation exchanged still gets its successor. */
export const DEFAULT_REFRESH_GRACE_MS = 20_000;

/** How soon to try again when the password hashing queue is full. */
export const BUSY_RETRY_AFTER_SECONDS = 2;
const TOO_BUSY: AuthResult = {
  status: 503,
  body: { error: 'Too many sign-ins are being checked right now. Try again in a few seconds.', code: 'TOO_BUSY' },
  retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
};

/** The hashing's result, or undefined when its queue was full (answer TOO_BUSY). */
async function unlessBusy<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof TooBusyError) return undefined;
    throw error;
  }
}

const errorName = (error: unknown): string => (error instanceof Error ? error.name : 'unknown');

const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export class AuthService {
  private readonly params: ScryptParams;
  private readonly now: () => number;
  private readonly idleTimeoutMs: number;
  private readonly sessionLifetimeMs: number;
  private readonly refreshGraceMs: number;
  /** Verified against when an email is unknown, so both cases cost one scrypt. */
  private readonly dummyHash: Promise<string>;
  private readonly passwords: { hash: typeof hashPassword; verify: typeof verifyPassword };
  private readonly hashing: ConcurrencyLimiter;
  private readonly logger: Logger;
  /** Creating, listing and revoking an organization's invites (inviteAdmin.ts). */
  readonly invites: InviteAdmin;

  constructor(private readonly options: AuthServiceOptions) {
    this.params = options.passwordParams ?? OWASP_SCRYPT;
    this.passwords = options.passwords ?? { hash: hashPassword, verify: verifyPassword };
    this.now = options.now ?? Date.now;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30 * 60_000;
    this.sessionLifetimeMs = options.sessionLifetimeMs ?? 12 * 60 * 60_000;
    this.refreshGraceMs = options.refreshGraceMs ?? DEFAULT_REFRESH_GRACE_MS;
    this.invites = new InviteAdmin(options.invites, this.now, options.inviteLifetimeMs ?? 7 * 24 * 60 * 60_000);
    this.hashing = options.hashLimiter ?? new ConcurrencyLimiter();
    // Through the limiter like every other hash; nothing waits at construction, so it never refuses.
    this.dummyHash = this.hash(randomUUID());
    this.logger = options.logger ?? silentLogger;
  }

  /** Creates an account without the sign-up flow: seeded demo users. */
  async addUser(user: {
    email: string;
    name: string;
    password: string;
    organizationId: string;
    role: Role;
  }): Promise<void> {
    await this.options.accounts.addUser({
      id: randomUUID(),
      email: user.email.toLowerCase(),
      name: user.name,
      passwordHash: await this.hash(user.password),
      organizationId: user.organizationId,
      role: user.role,
      createdAt: new Date(this.now()).toISOString(),
    });
  }

  /**
   * Creates the account unless its email is already registered: demo seeding, which must find
   * the accounts a previous start (or another replica starting at once) stored in the database.
   */
  async ensureUser(user: Parameters<AuthService['addUser']>[0]): Promise<void> {
    if (await this.options.accounts.userByEmail(user.email)) return;
    try {
      await this.addUser(user);
    } catch (error) {
      if (!(error instanceof EmailTakenError)) throw error;
    }
  }

  /**
   * Registers a new clinic (its first user becomes ADMIN) or joins one with an invite code.
   * Answers the same whether or not the email is already registered, after the same work: one
   * scrypt, and with an invite code the invite used up either way, so neither the answer nor the
   * invite (which the inviter can try again) tells that the email has an account.
   */
  async signup(body: Record<string, unknown>): Promise<AuthResult> {
    const { email, password, name, inviteCode, organization: newOrganization, problems } = parseSignup(body);
    if (problems.length > 0) return invalid(problems);

    const badInvite = invalid([
      {
        field: 'inviteCode',
        message: 'is not a valid invite code, or it was used or has expired',
        code: 'INVITE_INVALID',
      },
    ]);
    const invite = inviteCode === undefined ? undefined : await this.options.invites.invite(inviteCode);
    if (inviteCode !== undefined && (!invite || invite.usedAt !== null || invite.expiresAt <= this.now())) {
      return badInvite;
    }
    const passwordHash = await unlessBusy(this.hash(password));
    if (passwordHash === undefined) return TOO_BUSY;
    // The read above answers the common case early; this conditional claim is what decides
    // between concurrent sign-ups with one code. Before the email is looked up: a registered one
    // uses up its invite too.
    const claimed = invite ? await this.options.invites.claim(invite.code, this.now()) : undefined;
    if (invite && !claimed) return badInvite;
    if (await this.options.accounts.userByEmail(email)) return { status: 201, body: SIGNED_UP };

    const userId = randomUUID();
    let organizationId: string;
    let role: Role;
    if (claimed) {
      organizationId = claimed.organizationId;
      role = claimed.role;
    } else {
      organizationId = `org-${randomUUID()}`;
      role = 'ADMIN';
      const orgProblems = await this.options.organizations.register(newOrganization!, { userId, organizationId });
      if (orgProblems.length > 0) return invalid(orgProblems.map((p) => ({ ...p, field: `organization.${p.field}` })));
    }
    try {
      await this.options.accounts.addUser({
        id: userId,
        email,
        name,
        passwordHash,
        organizationId,
        role,
        createdAt: new Date(this.now()).toISOString(),
      });
    } catch (error) {
      // A concurrent sign-up of the same email won: the same answer as for a registered email.
      if (!(error instanceof EmailTakenError)) throw error;
    }
    return { status: 201, body: SIGNED_UP };
  }

  /**
   * Checks a password and starts a session. Unknown email and wrong password answer alike.
   * `source` is the client's address (routes.ts `clientAddress`), for the per-source throttle.
   */
  async login(body: Record<string, unknown>, source = 'unknown'): Promise<AuthResult> {
    const email = text(body['email'])?.trim().toLowerCase() ?? '';
    const password = text(body['password']) ?? '';
    if (!email || !password || password.length > PASSWORD_MAX_LENGTH) {
      return invalid([
        {
          field: 'password',
          message: `email and a password of at most ${PASSWORD_MAX_LENGTH} characters are required`,
        },
      ]);
    }
    // Counted before the password is checked, so concurrent guesses cannot all pass a check made
    // before the first of them failed.
    const decision = await this.options.guard.attempt(email, source);
    if (!decision.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      return {
        status: 429,
        body: { error: `Too many failed attempts. Try again in ${retryAfterSeconds} s.`, code: 'TOO_MANY_ATTEMPTS' },
        retryAfterSeconds,
      };
    }
    const user = await this.options.accounts.userByEmail(email);
    // A refusal here has counted as an attempt above, like a wrong password: being busy gives a
    // guesser no attempt for free.
    const matches = await unlessBusy(this.verify(password, user?.passwordHash ?? (await this.dummyHash)));
    if (matches === undefined) return TOO_BUSY;
    if (!user || !matches) return { status: 401, body: LOGIN_FAILED };
    await this.options.guard.succeed(email, source);
    const secret = randomBytes(32).toString('base64url');
    const session: SessionRecord = {
      id: randomUUID(),
      userId: user.id,
      currentSecretHash: sha256(secret),
      usedSecretHashes: new Set(),
      expiresAt: this.now() + this.sessionLifetimeMs,
      lastUsedAt: this.now(),
      revoked: false,
      previous: null,
    };
    await this.options.sessions.addSession(session);
    return this.issue(user.id, session.id, `${session.id}.${secret}`);
  }

  /**
   * Rotates the refresh token. A token that was already used ends the whole session, except the
   * one the last rotation exchanged, within `refreshGraceMs` of it: that is a refresh sent at the
   * same time (two tabs, a retried request), and it gets the same new token as the first.
   */
  async refresh(cookie: string | undefined): Promise<AuthResult> {
    const session = await this.sessionOf(cookie);
    const presented = cookie?.split('.')[1] ?? '';
    const secretHash = sha256(presented);
    if (!session)
      return {
        status: 401,
        body: { error: 'Your session has ended: sign in again.', code: 'UNAUTHENTICATED' },
        refreshCookie: '',
      };
    const replayed = {
      status: 401,
      body: { error: 'This session was ended for your safety: sign in again.', code: 'UNAUTHENTICATED' },
      refreshCookie: '',
    };
    const sameRotation = this.successorInGrace(session, presented, secretHash);
    if (sameRotation) return this.issue(session.userId, session.id, `${session.id}.${sameRotation}`);
    if (session.usedSecretHashes.has(secretHash)) {
      // Someone replayed a refresh token that was already exchanged: whoever holds the newer one
      // may be an attacker, so neither keeps the session, nor any access token issued for it.
      await this.endSession(session.id);
      return replayed;
    }
    if (session.currentSecretHash !== secretHash) {
      return {
        status: 401,
        body: { error: 'Your session has ended: sign in again.', code: 'UNAUTHENTICATED' },
        refreshCookie: '',
      };
    }
    const secret = randomBytes(32).toString('base64url');
    const rotated = await this.options.sessions.rotate(session.id, {
      usedSecretHash: secretHash,
      currentSecretHash: sha256(secret),
      lastUsedAt: this.now(),
      sealedSuccessor: sealSuccessor(presented, secret, session.id),
    });
    if (!rotated) {
      // Another refresh with this very token got there first: its new token, as above, or (the
      // session ended meanwhile, or the grace window is off) the same as a replay.
      const after = await this.sessionOf(cookie);
      const theirs = after && this.successorInGrace(after, presented, secretHash);
      if (theirs) return this.issue(session.userId, session.id, `${session.id}.${theirs}`);
      await this.endSession(session.id);
      return replayed;
    }
    return this.issue(session.userId, session.id, `${session.id}.${secret}`);
  }

  /**
   * Ends the cookie's session and the presented access token (`accessToken`, already verified,
   * when the request carried one) with the session it was issued for. Answers 200 even when the
   * deny-list is unavailable: the sessions have ended, and their access tokens then live out
   * their 15 minutes.
   */
  async logout(cookie: string | undefined, accessToken?: TokenClaims): Promise<AuthResult> {
    const sessionIds = new Set<string>();
    const session = await this.sessionOf(cookie);
    if (session) sessionIds.add(session.id);
    if (accessToken?.sid) sessionIds.add(accessToken.sid);
    for (const id of sessionIds) await this.endSession(id);
    if (accessToken) {
      try {
        await this.options.revocations.revokeToken(accessToken);
      } catch (error) {
        this.logger.warn('auth.revocation_failed', { reason: errorName(error) });
      }
    }
    return { status: 200, body: { status: 'ok' }, refreshCookie: '' };
  }

  /**
   * The secret that replaced `presented`, when `presented` is the one the last rotation exchanged
   * and that was less than `refreshGraceMs` ago. Only `presented` itself opens the sealed successor.
   */
  private successorInGrace(session: SessionRecord, presented: string, secretHash: string): string | undefined {
    const previous = session.previous;
    if (!previous || previous.secretHash !== secretHash) return undefined;
    if (this.now() - previous.rotatedAt >= this.refreshGraceMs) return undefined;
    return openSuccessor(presented, previous.sealedSuccessor, session.id);
  }

  /** Every scrypt goes through the limiter: refused at once (TooBusyError) when its queue is full. */
  private hash(password: string): Promise<string> {
    return this.hashing.run(() => this.passwords.hash(password, this.params));
  }

  private verify(password: string, encoded: string): Promise<boolean> {
    return this.hashing.run(() => this.passwords.verify(password, encoded));
  }

  /** The session cannot be refreshed any more, and its access tokens are refused from now on. */
  private async endSession(sessionId: string): Promise<void> {
    await this.options.sessions.revoke(sessionId);
    try {
      await this.options.revocations.revokeSession(sessionId);
    } catch (error) {
      this.logger.warn('auth.revocation_failed', { reason: errorName(error) });
    }
  }

  private async sessionOf(cookie: string | undefined): Promise<SessionRecord | undefined> {
    const [id] = (cookie ?? '').split('.');
    const session = id ? await this.options.sessions.session(id) : undefined;
    if (!session || session.revoked) return undefined;
    const now = this.now();
    if (session.expiresAt <= now || now - session.lastUsedAt > this.idleTimeoutMs) return undefined;
    return session;
  }

  private async issue(userId: string, sessionId: string, refreshCookie: string): Promise<AuthResult> {
    const user = await this.options.accounts.userById(userId);
    if (!user) return { status: 401, body: LOGIN_FAILED, refreshCookie: '' };
    const accessToken = await this.options.tokens.accessToken({ ...user, sessionId });
    return {
      status: 200,
      body: {
        accessToken,
        tokenType: 'Bearer',
        expiresIn: ACCESS_TOKEN_SECONDS,
        user: { id: user.id, email: user.email, name: user.name, organizationId: user.organizationId, role: user.role },
      },
      refreshCookie,
    };
  }
}
