import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { App } from './App';
import { createApolloClient } from './apollo/client';
import { AuthSession } from './auth/session';
import { browserSessionChannel } from './auth/sessionChannel';
import './styles.css';

const session = new AuthSession(undefined, undefined, browserSessionChannel());
const client = createApolloClient(session);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A data router, which in-app navigation blockers (`useBlocker`) need. One catch-all route holds the
// whole app, whose own `<Routes>` (App.tsx) match the pages as before.
const router = createBrowserRouter([{ path: '*', element: <App client={client} session={session} /> }]);

createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
