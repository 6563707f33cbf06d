import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from './AuthProvider';
import { AuthPage } from './AuthPage';
import type { LoginLocationState } from './RequireAuth';
import type { LoginResult } from './session';
import { TextField } from '../components/Field';
import { useDocumentTitle } from '../components/useRouteAnnouncement';
import { useT, type Translate } from '../i18n/I18nProvider';
import { requestErrorKey } from '../lib/errorMessages';
import { emailError } from '../lib/validation';
import type { MessageKey } from '../i18n/en';

interface Errors {
  email?: MessageKey;
  password?: MessageKey;
}

/** Why a log-in was refused, in the user's words: by the gateway's code, with the wait it asks for. */
function loginFailure(result: Exclude<LoginResult, { ok: true }>, t: Translate): string {
  switch (result.reason) {
    case 'invalid':
    case 'badInput':
      return t('login.failed');
    case 'throttled':
    case 'busy':
      return t(requestErrorKey(result.code, result.reason === 'busy' ? 'auth.busy' : 'login.throttled'), {
        seconds: result.retryAfterSeconds,
      });
    case 'error':
      return t('common.unexpectedError');
  }
}

export function LoginRoute() {
  const t = useT();
  const { session, state } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as LoginLocationState | null) ?? {};
  // After sign-up, the email just registered (the password is typed again: it is never passed on).
  const [email, setEmail] = useState(from.email ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  /** The guard against a second submit before the first has re-rendered (a double click). */
  const submittingRef = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useDocumentTitle('title.login');
  // After a refused submit, the first invalid field gets the focus (its error is read with it).
  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  if (state.status === 'signedIn' && !submitting) return <Navigate to={from.from ?? '/'} replace />;

  const refuse = (next: Errors, message: string) => {
    setErrors(next);
    setFormError(message);
    setFocusRequest((n) => n + 1);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submittingRef.current) return;
    const next: Errors = {};
    if (email.trim() === '') next.email = 'validation.required';
    else if (emailError(email)) next.email = 'validation.email';
    if (password === '') next.password = 'validation.required';
    if (Object.keys(next).length > 0) {
      refuse(next, t('common.errorSummary'));
      return;
    }
    // The last attempt's messages stay until this one is answered: clearing them now would move
    // the button under the pointer (a double click would land on the link below).
    submittingRef.current = true;
    setSubmitting(true);
    const result = await session.login(email.trim(), password);
    if (result.ok) {
      // Still submitting: the page is leaving, through this navigation (with its focus request), and a
      // second click of a double click, arriving now, must not log in again.
      // The signed-in frame moves the focus to its <main> (RequireAuth).
      const signedIn: LoginLocationState = { focusMain: true };
      await navigate(from.from ?? '/', { replace: true, state: signedIn });
      return;
    }
    submittingRef.current = false;
    setSubmitting(false);
    refuse({}, loginFailure(result, t));
  };

  return (
    <AuthPage>
      <form
        ref={formRef}
        className="card auth-card"
        noValidate
        onSubmit={(event) => void onSubmit(event)}
        aria-labelledby="login-title"
      >
        <h1 id="login-title">{t('login.title')}</h1>
        {from.expired && !formError && (
          <p className="notice" role="status">
            {t('login.sessionExpired')}
          </p>
        )}
        {from.inactive && !formError && (
          <p className="notice" role="status">
            {t('login.inactive')}
          </p>
        )}
        {from.signedUp && !formError && (
          <p className="notice notice--success" role="status">
            {t('login.signedUp')}
          </p>
        )}
        {formError && (
          <p key={focusRequest} className="alert" role="alert">
            {formError}
          </p>
        )}
        <TextField
          label={t('login.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email && t(errors.email)}
        />
        <TextField
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password && t(errors.password)}
        />
        {/* aria-disabled, not disabled: disabling the focused button would drop the focus. */}
        <button type="submit" className="button" aria-disabled={submitting || undefined}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
        <p className="auth-card__switch">
          {t('login.noAccount')} <Link to="/signup">{t('login.signupLink')}</Link>
        </p>
      </form>
    </AuthPage>
  );
}
