import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthProvider';
import { RequireAuth } from './auth/RequireAuth';
import type { AuthSession } from './auth/session';
import { Layout } from './components/Layout';
import { I18nProvider } from './i18n/I18nProvider';
import { LoginRoute } from './routes/LoginRoute';
import { PatientsRoute } from './routes/PatientsRoute';
import { SignupRoute } from './routes/SignupRoute';

/** The routes, shared by the app and the tests (which put them in a memory router). */
export function AppRoutes() {
  return (
    <Routes>
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
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

/** Auth and i18n, inside an Apollo provider the caller chooses (the real client, or a mock in tests). */
export function AppProviders({ session, children }: { session: AuthSession; children: ReactNode }) {
  return (
    <I18nProvider>
      <AuthProvider session={session}>{children}</AuthProvider>
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
