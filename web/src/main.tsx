import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { createApolloClient } from './apollo/client';
import { AuthSession } from './auth/session';
import { browserSessionChannel } from './auth/sessionChannel';
import './styles.css';

const session = new AuthSession(undefined, undefined, browserSessionChannel());
const client = createApolloClient(session);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <App client={client} session={session} />
    </BrowserRouter>
  </StrictMode>,
);
