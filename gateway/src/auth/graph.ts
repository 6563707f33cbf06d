import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { FieldProblem, StaffViewer, TokenVerifier } from '@carebridge/common';
import type { GatewayContext } from '../context';
import type { AuthResult, OrganizationRegistry } from './service';
import type { TokenIssuer } from './tokens';
import { INTAKE_LINK_SECONDS } from './tokens';

/**
 * What the auth endpoints need from the graph, asked through the gateway's own server with a
 * token for the person concerned, so each subgraph applies its usual authorization.
 */
type Operation = (
  query: string,
  variables: Record<string, unknown>,
  token: string,
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}>;

export function graphOperation(server: ApolloServer<GatewayContext>, verify: TokenVerifier): Operation {
  return async (query, variables, token) => {
    const verified = await verify(token);
    if (!verified.ok) throw new Error('the gateway could not verify a token it issued');
    const response = await server.executeOperation(
      { query, variables },
      { contextValue: { requestId: randomUUID(), token, viewer: verified.viewer } },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
}

const REGISTER = /* GraphQL */ `
  mutation RegisterOrganization($input: RegisterOrganizationInput!) {
    registerOrganization(input: $input) {
      id
    }
  }
`;

/** Creates a new clinic's organization in the ehr subgraph, as its first ADMIN. */
export function graphOrganizationRegistry(run: Operation, tokens: TokenIssuer): OrganizationRegistry {
  return {
    async register(organization, admin) {
      const token = await tokens.accessToken({ id: admin.userId, organizationId: admin.organizationId, role: 'ADMIN' });
      const result = await run(REGISTER, { input: organization }, token);
      const error = result.errors?.[0];
      if (!error) return [];
      const problems = error.extensions?.['problems'];
      if (Array.isArray(problems)) return problems as FieldProblem[];
      throw new Error(`registerOrganization failed: ${JSON.stringify(error.extensions?.['code'] ?? 'unknown')}`);
    },
  };
}

const INTAKE_TARGET = /* GraphQL */ `
  query IntakeTarget($patientId: ID!, $questionnaireId: ID!) {
    patient(id: $patientId) {
      id
    }
    questionnaire(id: $questionnaireId) {
      id
      status
    }
  }
`;

/**
 * Creates an intake link: a token that lets whoever opens it answer one questionnaire for one
 * patient, once, for 72 hours. The patient and questionnaire are looked up with the clinician's
 * own token, so only their organization's patients can get a link.
 */
export function intakeLinks(run: Operation, tokens: TokenIssuer) {
  return async (viewer: StaffViewer, token: string, body: Record<string, unknown>): Promise<AuthResult> => {
    const patientId = typeof body['patientId'] === 'string' ? body['patientId'] : '';
    const questionnaireId = typeof body['questionnaireId'] === 'string' ? body['questionnaireId'] : '';
    if (!patientId || !questionnaireId) {
      return {
        status: 400,
        body: { error: 'Invalid input. patientId and questionnaireId are required.', code: 'BAD_USER_INPUT' },
      };
    }
    const result = await run(INTAKE_TARGET, { patientId, questionnaireId }, token);
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
    const intakeToken = await tokens.intakeToken({ patientId, organizationId: viewer.organizationId, questionnaireId });
    return {
      status: 201,
      body: {
        token: intakeToken,
        path: `/intake/${intakeToken}`,
        expiresAt: new Date(Date.now() + INTAKE_LINK_SECONDS * 1000).toISOString(),
      },
    };
  };
}
