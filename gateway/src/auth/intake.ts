import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { StaffViewer, TokenVerifier } from '@carebridge/common';
import type { Operation } from './graph';
import { intakeLinkIdHash, newIntakeLinkId, SHORT_LINK_ID, type IntakeLinkStore } from './intakeLinks';
import type { AuthResult } from './service';
import { INTAKE_LINK_SECONDS, INTAKE_SESSION_SECONDS, type TokenIssuer } from './tokens';

/** What opening a link finds, before the patient fills anything in. */
export type IntakeLinkStatus = 'VALID' | 'USED' | 'EXPIRED' | 'INVALID';

const INTAKE_TARGET = /* GraphQL */ `
  query IntakeTarget($patientId: ID!, $questionnaireId: ID!, $organizationId: ID!) {
    patient(id: $patientId) {
      id
    }
    questionnaire(id: $questionnaireId) {
      id
      status
    }
    organization(id: $organizationId) {
      name
    }
  }
`;

const LINK_USED = /* GraphQL */ `
  query IntakeLinkState {
    intakeLinkUsed
  }
`;

export interface IntakeLinkOptions {
  run: Operation;
  tokens: TokenIssuer;
  /** Signature and claims of an intake token (a long link of before short links). */
  verify: TokenVerifier;
  store: IntakeLinkStore;
  now?: () => number;
}

const state = (status: Exclude<IntakeLinkStatus, 'VALID'>): AuthResult => ({ status: 200, body: { status } });

/**
 * Intake links: staff create them (`POST /auth/intake-links`), the patient's page opens them
 * (`POST /auth/intake-links/open`). A link is a short random id the gateway stores; opening it
 * exchanges it for an intake token of at most an hour, the credential the subgraphs already
 * check, so their authorization is unchanged. Every token of one link carries the link's id as its
 * `jti`: the clinical subgraph lets it answer once. Links made before short ids (the intake token
 * itself in the URL) open too, until they expire.
 */
export function intakeLinks(options: IntakeLinkOptions) {
  const now = options.now ?? Date.now;

  /**
   * Creates a link that lets whoever opens it answer one questionnaire for one patient, once, for
   * 72 hours. The patient, questionnaire and clinic name are read with the clinician's own token,
   * so only their organization's patients get a link, and the name is their organization's.
   */
  async function create(viewer: StaffViewer, token: string, body: Record<string, unknown>): Promise<AuthResult> {
    const patientId = typeof body['patientId'] === 'string' ? body['patientId'] : '';
    const questionnaireId = typeof body['questionnaireId'] === 'string' ? body['questionnaireId'] : '';
    if (!patientId || !questionnaireId) {
      return {
        status: 400,
        body: { error: 'Invalid input. patientId and questionnaireId are required.', code: 'BAD_USER_INPUT' },
      };
    }
    const { organizationId } = viewer;
    const result = await options.run(INTAKE_TARGET, { patientId, questionnaireId, organizationId }, token);
    const patient = result.data?.['patient'] as { id: string } | null | undefined;
    const questionnaire = result.data?.['questionnaire'] as { id: string; status: string } | null | undefined;
    if (!patient || !questionnaire) {
      return {
        status: 404,
        body: { error: 'No such patient or questionnaire in your organization.', code: 'NOT_FOUND' },
      };
    }
    if (questionnaire.status !== 'ACTIVE') {
      return {
        status: 400,
        body: { error: 'Invalid input. questionnaireId: is not the current version.', code: 'BAD_USER_INPUT' },
      };
    }
    // The name is a courtesy on the patient's page: a link is still made when the ehr subgraph cannot answer.
    const organization = result.data?.['organization'] as { name?: unknown } | null | undefined;
    const id = newIntakeLinkId();
    const expiresAt = now() + INTAKE_LINK_SECONDS * 1000;
    await options.store.addIntakeLink({
      idHash: intakeLinkIdHash(id),
      linkId: randomUUID(),
      patientId,
      organizationId,
      questionnaireId,
      organizationName: typeof organization?.name === 'string' ? organization.name : null,
      expiresAt,
    });
    return { status: 201, body: { id, path: `/intake/${id}`, expiresAt: new Date(expiresAt).toISOString() } };
  }

  /** The intake token a link opens with, or the state that keeps it closed. */
  async function tokenOf(
    link: string,
  ): Promise<
    | { token: string; tokenExpiresAt: number; expiresAt: number; organizationName: string | null }
    | Exclude<IntakeLinkStatus, 'VALID'>
  > {
    if (SHORT_LINK_ID.test(link)) {
      const record = await options.store.intakeLink(intakeLinkIdHash(link));
      if (!record) return 'INVALID';
      const remaining = record.expiresAt - now();
      if (remaining <= 0) return 'EXPIRED';
      const seconds = Math.max(1, Math.min(INTAKE_SESSION_SECONDS, Math.floor(remaining / 1000)));
      return {
        token: await options.tokens.intakeToken(record, seconds),
        tokenExpiresAt: now() + seconds * 1000,
        expiresAt: record.expiresAt,
        organizationName: record.organizationName,
      };
    }
    const verified = await options.verify(link);
    if (!verified.ok) return verified.reason === 'ERR_JWT_EXPIRED' ? 'EXPIRED' : 'INVALID';
    if (verified.viewer.kind !== 'intake') return 'INVALID';
    const expiresAt = (decodeJwt(link).exp ?? 0) * 1000;
    return { token: link, tokenExpiresAt: expiresAt, expiresAt, organizationName: null };
  }

  /**
   * What the intake page asks when it opens: `{ status }`, VALID with the token to answer with,
   * or USED, EXPIRED (a deleted patient's link too) or INVALID (unknown, malformed or tampered
   * with). Answers ids and the clinic's name only, never anything of the patient's.
   */
  async function open(body: Record<string, unknown>): Promise<AuthResult> {
    const link = typeof body['link'] === 'string' ? body['link'] : '';
    if (!link || link.length > 4096) {
      return { status: 400, body: { error: 'Invalid input. link is required.', code: 'BAD_USER_INPUT' } };
    }
    const found = await tokenOf(link);
    if (typeof found === 'string') return state(found);
    const result = await options.run(LINK_USED, {}, found.token);
    const code = result.errors?.[0]?.extensions?.['code'];
    if (code === 'NOT_FOUND') return state('EXPIRED');
    const used = result.data?.['intakeLinkUsed'];
    if (typeof used !== 'boolean') {
      return {
        status: 503,
        body: { error: 'The link cannot be checked right now. Try again shortly.', code: 'SUBGRAPH_UNAVAILABLE' },
        retryAfterSeconds: 5,
      };
    }
    if (used) return state('USED');
    const viewer = await options.verify(found.token);
    if (!viewer.ok || viewer.viewer.kind !== 'intake')
      throw new Error('the gateway could not verify a token it issued');
    return {
      status: 200,
      body: {
        status: 'VALID',
        token: found.token,
        tokenExpiresAt: new Date(found.tokenExpiresAt).toISOString(),
        expiresAt: new Date(found.expiresAt).toISOString(),
        patientId: viewer.viewer.patientId,
        questionnaireId: viewer.viewer.questionnaireId,
        organizationName: found.organizationName,
      },
    };
  }

  return { create, open };
}

export type IntakeLinks = ReturnType<typeof intakeLinks>;
