import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { FieldProblem, TokenVerifier } from '@carebridge/common';
import type { GatewayContext } from '../context';
import type { EhrSystemSource } from './ehrSystems';
import type { OrganizationRegistry } from './service';
import type { TokenIssuer } from './tokens';

/**
 * What the auth endpoints need from the graph, asked through the gateway's own server with a
 * token for the person concerned, so each subgraph applies its usual authorization.
 */
export type Operation = (
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

const EHR_SYSTEMS = /* GraphQL */ `
  query SignupEhrSystems {
    ehrSystems {
      id
      name
      shared
    }
  }
`;

/** The life of the token `graphEhrSystems` mints for each read: one call, then useless. */
export const EHR_SYSTEMS_TOKEN_SECONDS = 30;

/** Who the subgraphs' logs name for the gateway's own read of the EHR system list. */
export const EHR_SYSTEMS_READER = 'gateway:signup-ehr-systems';

/**
 * Reads the EHR systems for the sign-up page, which has no token to ask with. Like sign-up's
 * `registerOrganization`, the gateway asks the graph with an access token it mints for the call,
 * so the ehr subgraph applies its usual rule (`ehrSystems` needs a staff token). The token is the
 * narrowest staff token there is: CLINICIAN (no ADMIN mutation accepts it), for a fresh
 * organization id that no organization has (no tenant's data is visible to it), valid
 * {@link EHR_SYSTEMS_TOKEN_SECONDS} s, used for this one fixed query and never sent to a client.
 * Only each system's id, name and whether it is shared are kept.
 */
export function graphEhrSystems(run: Operation, tokens: TokenIssuer): EhrSystemSource {
  return async () => {
    const token = await tokens.accessToken(
      { id: EHR_SYSTEMS_READER, organizationId: `org-${randomUUID()}`, role: 'CLINICIAN' },
      EHR_SYSTEMS_TOKEN_SECONDS,
    );
    const result = await run(EHR_SYSTEMS, {}, token);
    const error = result.errors?.[0];
    if (error) throw new Error(`ehrSystems failed: ${JSON.stringify(error.extensions?.['code'] ?? 'unknown')}`);
    const systems = result.data?.['ehrSystems'];
    if (!Array.isArray(systems)) throw new Error('ehrSystems answered no list');
    return systems.map((system: unknown) => {
      const { id, name, shared } = (system ?? {}) as Record<string, unknown>;
      if (typeof id !== 'string' || typeof name !== 'string' || typeof shared !== 'boolean') {
        throw new Error('ehrSystems answered a malformed system');
      }
      return { id, name, shared };
    });
  };
}
