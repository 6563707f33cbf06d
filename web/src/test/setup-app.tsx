import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'react-dom';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { AppProviders, AppRoutes } from '../App';
import { createCache } from '../apollo/cache';
import { AuthSession, type User } from '../auth/session';
import { LayoutQuery } from '../components/Layout';
import { PatientsFilterProvidersQuery } from '../patients/PatientFilters';

export const CLINICIAN: User = {
  id: 'user-1',
  email: 'clinician@riverside.test',
  name: 'Casey Clinician',
  organizationId: 'org-riverside',
  role: 'CLINICIAN',
};

export const PROVIDERS = [
  { __typename: 'Provider' as const, id: 'prov-1', displayName: 'Dr. Maya Okafor' },
  { __typename: 'Provider' as const, id: 'prov-2', displayName: 'Dr. Samuel Reyes' },
];

/** The physicians of the filter, for as many renders as a test makes. */
export function providersMock(providers = PROVIDERS): MockLink.MockedResponse {
  return {
    request: { query: PatientsFilterProvidersQuery },
    result: { data: { providers } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

/** How long every GraphQL mock takes to answer, unless it sets its own `delay`. */
const MOCK_DELAY_MS = 20;

/** Answers one auth endpoint: a status and a JSON body (and headers). */
export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
export type AuthHandler = (path: string, body: unknown) => FakeResponse;

/** By default no refresh cookie: restoring a session fails, as for a first visit. */
const defaultAuth: AuthHandler = (path) =>
  path === '/auth/logout'
    ? { status: 200, body: { status: 'ok' } }
    : { status: 401, body: { code: 'UNAUTHENTICATED' } };

export interface SetupOptions {
  route?: string;
  mocks?: MockLink.MockedResponse[];
  /** A signed-in user (the default), or null to start signed out and restore through /auth/refresh. */
  user?: User | null;
  auth?: AuthHandler;
}

/**
 * Renders the real app (routes, i18n, auth) in a memory router over Apollo's MockedProvider. The
 * auth endpoints go to `auth`, recorded in the returned `fetch` mock; GraphQL goes to `mocks`. The
 * returned `router` has the address (`router.state.location`) and goes Back (`router.navigate(-1)`).
 */
export function setup({ route = '/', mocks = [], user = CLINICIAN, auth = defaultAuth }: SetupOptions = {}) {
  const fetch = vi.fn((path: string, init: RequestInit) => {
    const { status, body, headers } = auth(path, JSON.parse((init.body as string | undefined) ?? '{}'));
    return Promise.resolve(
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      }),
    );
  });
  const session = new AuthSession(fetch, user ? { accessToken: 'test-token', user } : undefined);
  const organization = (organizationId: string) => ({
    organization: { __typename: 'Organization' as const, id: organizationId, name: 'Riverside Hospital' },
  });
  const layout: MockLink.MockedResponse[] = [CLINICIAN, ...(user && user !== CLINICIAN ? [user] : [])].map((u) => ({
    request: { query: LayoutQuery, variables: { organizationId: u.organizationId } },
    result: { data: organization(u.organizationId) },
    maxUsageCount: Number.POSITIVE_INFINITY,
  }));
  const cache = createCache();
  // A signed-in user's header has its organization already, as on any page after the first: were
  // it fetched alongside the page, its cache write could land just before a page query fails, and
  // Apollo's deferred cache notification would then refetch the failed (incomplete) query by itself.
  if (user)
    cache.writeQuery({
      query: LayoutQuery,
      variables: { organizationId: user.organizationId },
      data: organization(user.organizationId),
    });
  // A data router, as in main.tsx: one catch-all route holding the app, whose `<Routes>` match the pages.
  const router = createMemoryRouter(
    [
      {
        path: '*',
        element: (
          // A fixed delay, not MockLink's random 20-50 ms: responses come in the order they were asked for.
          <MockedProvider
            mocks={[...layout, ...mocks, providersMock()]}
            cache={cache}
            mockLinkDefaultOptions={{ delay: MOCK_DELAY_MS }}
          >
            <AppProviders session={session}>
              <AppRoutes />
            </AppProviders>
          </MockedProvider>
        ),
      },
    ],
    { initialEntries: [route] },
  );
  // The core RouterProvider with react-dom's flushSync is what `react-router/dom` exports; that entry
  // is not imported here because Node would load its CommonJS build, with a second copy of the
  // router's contexts that the app's (ESM) `react-router` hooks do not see.
  const view = render(<RouterProvider router={router} flushSync={(update) => void flushSync(update)} />);
  return { ...view, user: userEvent.setup(), session, fetch, cache, router };
}
