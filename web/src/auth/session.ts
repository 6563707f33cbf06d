/**
 * The staff session: the access token lives in this object's memory only (never localStorage, so a
 * script injected into the page cannot read a stored copy, and a closed tab forgets it). The refresh
 * token is the gateway's HttpOnly cookie (path /auth), which this code never sees: `refresh()` asks
 * the gateway to exchange it.
 *
 * Refreshes are single-flight: the gateway rotates the cookie on every use and ends the session
 * when an old one is replayed, so two concurrent refreshes (two 401s at once, React's StrictMode
 * running an effect twice) must share one request; across tabs, a Web Lock makes the second tab
 * wait and then send the cookie the first one received.
 *
 * Tabs share a log-out and activity through a `SessionChannel` (see sessionChannel.ts).
 */
import { bodyCode } from '../lib/errorMessages';
import { fieldProblemsIn, type FieldProblem } from '../lib/graphqlErrors';
import { withTabLock, type SessionChannel } from './sessionChannel';

export type Role = 'ADMIN' | 'CLINICIAN';

export interface User {
  id: string;
  email: string;
  name: string;
  organizationId: string;
  role: Role;
}

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signedIn'; user: User }
  /** `expired`: the session ended under the user (refresh refused), as opposed to never started or logged out. */
  | { status: 'signedOut'; expired: boolean };

export type LoginResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | WaitAnswer
  | { ok: false; reason: 'badInput'; problems: FieldProblem[] }
  | { ok: false; reason: 'error' };

export type SignupResult =
  | { ok: true }
  | { ok: false; reason: 'badInput'; problems: FieldProblem[] }
  | WaitAnswer
  | { ok: false; reason: 'error' };

/**
 * A 429 (too many attempts, `TOO_MANY_ATTEMPTS`, or requests from here, `RATE_LIMITED`) or a 503
 * (the gateway is busy hashing other passwords, `TOO_BUSY`, or a store is down) with the wait the
 * gateway asks for, and the body's code (errorMessages.ts says it in the user's language).
 */
export interface WaitAnswer {
  ok: false;
  reason: 'throttled' | 'busy';
  retryAfterSeconds: number;
  code?: string;
}

function waitAnswer(response: Response, body: unknown): WaitAnswer | null {
  if (response.status !== 429 && response.status !== 503) return null;
  const code = bodyCode(body);
  const seconds = Number(response.headers.get('retry-after'));
  const fallback = response.status === 429 ? 60 : 5;
  return {
    ok: false,
    reason: response.status === 429 ? 'throttled' : 'busy',
    retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : fallback,
    ...(code ? { code } : {}),
  };
}

export type SignupBody =
  | {
      email: string;
      password: string;
      name: string;
      organization: { name: string; kind: 'CLINIC' | 'HOSPITAL'; ehrSystemId: string };
    }
  | { email: string; password: string; name: string; inviteCode: string };

/** `createIntakeLink`: the link to give the patient, or why there is none. */
export type IntakeLinkResult =
  | { ok: true; url: string; expiresAt: string }
  /** notFound: no such patient or questionnaire in the organization; badInput: not the ACTIVE version. */
  | { ok: false; reason: 'notFound' | 'badInput' | 'unauthenticated' | 'error' };

/** A staff REST call's answer: the HTTP status and JSON body, or the session ended, or no answer. */
export type StaffAnswer = { status: number; body: unknown } | { status: 'unauthenticated' } | { status: 'network' };

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

interface TokenBody {
  accessToken: string;
  user: User;
}

function isTokenBody(value: unknown): value is TokenBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body['accessToken'] === 'string' && typeof body['user'] === 'object' && body['user'] !== null;
}

/** The field problems of a 400's body (`{ problems: [{ field, message }] }`, as in a BAD_USER_INPUT error). */
function problemsOf(body: unknown): FieldProblem[] {
  if (typeof body !== 'object' || body === null) return [];
  return fieldProblemsIn((body as Record<string, unknown>)['problems']);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export class AuthSession {
  private token: string | null = null;
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<boolean> | null = null;
  private restoring: Promise<boolean> | null = null;
  private activitySharedAt = 0;

  /**
   * @param fetchImpl injected for tests; the browser's fetch otherwise.
   * @param initial a signed-in session to start from (tests), instead of restoring through refresh.
   * @param channel the other tabs of this browser; none in tests.
   */
  constructor(
    private readonly fetchImpl: Fetch = (input, init) => fetch(input, init),
    initial?: { accessToken: string; user: User },
    private readonly channel?: SessionChannel,
  ) {
    if (initial) {
      this.token = initial.accessToken;
      this.state = { status: 'signedIn', user: initial.user };
    } else {
      this.state = { status: 'restoring' };
    }
    channel?.subscribe((message) => {
      // Another tab logged out: the server session is over, so this tab's token is useless too.
      if (message.type === 'logout' && this.state.status === 'signedIn') this.endLocally();
    });
  }

  /** Tells the other tabs that the user is active here (at most every 10 seconds). */
  shareActivity(): void {
    const now = Date.now();
    if (now - this.activitySharedAt < 10_000) return;
    this.activitySharedAt = now;
    this.channel?.post({ type: 'activity' });
  }

  /** Calls `listener` when the user is active in another tab. */
  onActivityElsewhere(listener: () => void): () => void {
    return this.channel?.subscribe((message) => message.type === 'activity' && listener()) ?? (() => undefined);
  }

  get accessToken(): string | null {
    return this.token;
  }

  /** For `useSyncExternalStore`. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SessionState => this.state;

  private setState(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetchImpl(path, {
      method: 'POST',
      // The gateway accepts only JSON on /auth/*: a cross-site form cannot send it without CORS.
      headers: { 'content-type': 'application/json', ...headers },
      credentials: 'include',
      body: JSON.stringify(body),
    });
  }

  /**
   * A staff call to the gateway's REST endpoints (`GET` without a body, `POST` with JSON), with the
   * access token. A 401 (the token expired) refreshes once, as the GraphQL link does, and retries;
   * a refused refresh or a second 401 ends the session and answers `unauthenticated`.
   */
  async staffRequest(method: 'GET' | 'POST', path: string, body?: unknown): Promise<StaffAnswer> {
    const send = () => {
      const authorization: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}` } : {};
      return method === 'POST'
        ? this.post(path, body ?? {}, authorization)
        : this.fetchImpl(path, { method, headers: { accept: 'application/json', ...authorization } });
    };
    try {
      let response = await send();
      if (response.status === 401) {
        if (!(await this.refresh())) return { status: 'unauthenticated' };
        response = await send();
        if (response.status === 401) {
          this.expire();
          return { status: 'unauthenticated' };
        }
      }
      return { status: response.status, body: await readJson(response) };
    } catch {
      // A network failure: said as an error, the user can try again.
      return { status: 'network' };
    }
  }

  /**
   * A JSON POST that carries no cookie and no token: the intake page's, which must never send a
   * staff session along (intake/openLink.ts).
   */
  postWithoutSession(path: string, body: unknown): Promise<Response> {
    return this.fetchImpl(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify(body),
    });
  }

  async login(email: string, password: string): Promise<LoginResult> {
    let response: Response;
    try {
      response = await this.post('/auth/login', { email, password });
    } catch {
      return { ok: false, reason: 'error' };
    }
    const body = await readJson(response);
    if (response.ok && isTokenBody(body)) {
      this.token = body.accessToken;
      this.setState({ status: 'signedIn', user: body.user });
      return { ok: true, user: body.user };
    }
    if (response.status === 401) return { ok: false, reason: 'invalid' };
    const wait = waitAnswer(response, body);
    if (wait) return wait;
    if (response.status === 400) return { ok: false, reason: 'badInput', problems: problemsOf(body) };
    return { ok: false, reason: 'error' };
  }

  async signup(body: SignupBody): Promise<SignupResult> {
    try {
      const response = await this.post('/auth/signup', body);
      if (response.ok) return { ok: true };
      const answer = await readJson(response);
      if (response.status === 400) return { ok: false, reason: 'badInput', problems: problemsOf(answer) };
      return waitAnswer(response, answer) ?? { ok: false, reason: 'error' };
    } catch {
      return { ok: false, reason: 'error' };
    }
  }

  /** Exchanges the refresh cookie for a new access token; false (and signed out) when refused. */
  refresh(): Promise<boolean> {
    this.refreshing ??= withTabLock('carebridge-refresh', () => this.doRefresh()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    const wasSignedIn = this.state.status === 'signedIn';
    try {
      const response = await this.post('/auth/refresh', {});
      const body = await readJson(response);
      if (response.ok && isTokenBody(body)) {
        this.token = body.accessToken;
        this.setState({ status: 'signedIn', user: body.user });
        return true;
      }
    } catch {
      // A network failure ends the attempt like a refusal; the user signs in again.
    }
    this.token = null;
    this.setState({ status: 'signedOut', expired: wasSignedIn });
    return false;
  }

  /** On app load: restores a session from the refresh cookie, once however often it is called. */
  restore(): Promise<boolean> {
    if (this.state.status !== 'restoring') return Promise.resolve(this.state.status === 'signedIn');
    this.restoring ??= this.refresh();
    return this.restoring;
  }

  /**
   * Asks the gateway for a patient's intake link to one questionnaire, with the staff token
   * (`staffRequest`: refreshed once on a 401). `origin` makes the gateway's path a full URL.
   */
  async createIntakeLink(
    patientId: string,
    questionnaireId: string,
    origin: string = window.location.origin,
  ): Promise<IntakeLinkResult> {
    const answer = await this.staffRequest('POST', '/auth/intake-links', { patientId, questionnaireId });
    if (answer.status === 'unauthenticated') return { ok: false, reason: 'unauthenticated' };
    if (answer.status === 'network') return { ok: false, reason: 'error' };
    const body = answer.body as { path?: unknown; expiresAt?: unknown } | undefined;
    if (answer.status < 300 && typeof body?.path === 'string' && typeof body.expiresAt === 'string') {
      return { ok: true, url: `${origin}${body.path}`, expiresAt: body.expiresAt };
    }
    if (answer.status === 404) return { ok: false, reason: 'notFound' };
    if (answer.status === 400) return { ok: false, reason: 'badInput' };
    return { ok: false, reason: 'error' };
  }

  private endLocally(): void {
    this.token = null;
    this.setState({ status: 'signedOut', expired: false });
  }

  /** The server refused the token even after a refresh: the session is over. */
  expire(): void {
    this.token = null;
    this.setState({ status: 'signedOut', expired: true });
  }

  async logout(): Promise<void> {
    this.endLocally();
    this.channel?.post({ type: 'logout' });
    try {
      await this.post('/auth/logout', {});
    } catch {
      // The token is already forgotten here; the server session ends on its own when idle.
    }
  }
}
