import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { SessionProvider, StaffSession } from './auth/AuthProvider';
import { LoginRoute } from './auth/LoginRoute';
import { RequireAuth } from './auth/RequireAuth';
import { RequireRole } from './auth/RequireRole';
import type { AuthSession } from './auth/session';
import { SignupRoute } from './auth/SignupRoute';
import { Layout } from './components/Layout';
import { PageLoading } from './components/PageLoading';
import { I18nProvider } from './i18n/I18nProvider';
import { PatientsRoute } from './patients/PatientsRoute';

// The patient page (the landing page) is in the initial bundle; the others load when first opened.
const PatientRoute = lazy(() => import('./patientDetail/PatientRoute').then((m) => ({ default: m.PatientRoute })));
const IntakeRoute = lazy(() => import('./intake/IntakeRoute').then((m) => ({ default: m.IntakeRoute })));
const EhrMappingRoute = lazy(() => import('./ehr/EhrMappingRoute').then((m) => ({ default: m.EhrMappingRoute })));
const DeliveryRoute = lazy(() => import('./delivery/DeliveryRoute').then((m) => ({ default: m.DeliveryRoute })));
const InvitesRoute = lazy(() => import('./invites/InvitesRoute').then((m) => ({ default: m.InvitesRoute })));

/** The routes, shared by the app and the tests (which put them in a memory router). */
export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        {/* Patient-facing: the intake link's token is its only credential, and no staff session. */}
        <Route path="/intake/:token" element={<IntakeRoute />} />
        <Route element={<StaffSession />}>
          <Route path="/login" element={<LoginRoute />} />
          <Route path="/signup" element={<SignupRoute />} />
          <Route
            element={
              <RequireAuth>
                <Layout />
              </RequireAuth>
            }
          >
            <Route index element={<PatientsRoute />} />
            <Route path="patients/:id" element={<PatientRoute />} />
            <Route path="delivery" element={<DeliveryRoute />} />
            <Route
              path="ehr-mappings"
              element={
                <RequireRole role="ADMIN">
                  <EhrMappingRoute />
                </RequireRole>
              }
            />
            <Route
              path="invites"
              element={
                <RequireRole role="ADMIN">
                  <InvitesRoute />
                </RequireRole>
              }
            />
          </Route>
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** The session and i18n, inside an Apollo provider the caller chooses (the real client, or a mock in tests). */
export function AppProviders({ session, children }: { session: AuthSession; children: ReactNode }) {
  return (
    <I18nProvider>
      <SessionProvider session={session}>{children}</SessionProvider>
    </I18nProvider>
  );
}

export function App({ client, session }: { client: ApolloClient; session: AuthSession }) {
  return (
    <ApolloProvider client={client}>
      <AppProviders session={session}>
        <AppRoutes />
      </AppProviders>
    </ApolloProvider>
  );
}
