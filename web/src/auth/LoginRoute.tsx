import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from './AuthProvider';
import type { LoginLocationState } from './RequireAuth';
import { TextField } from '../components/Field';
import { useDocumentTitle } from '../components/useRouteAnnouncement';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import { emailError } from '../lib/validation';
import type { MessageKey } from '../i18n/en';

interface Errors {
  email?: MessageKey;
  password?: MessageKey;
}

export function LoginRoute() {
  const t = useT();
  const { session, state } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as LoginLocationState | null) ?? {};
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useDocumentTitle('title.login');
  // After a refused submit, the first invalid field gets the focus (its error is read with it).
  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  if (state.status === 'signedIn' && !submitting) return <Navigate to={from.from ?? '/'} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const next: Errors = {};
    if (email.trim() === '') next.email = 'validation.required';
    else if (emailError(email)) next.email = 'validation.email';
    if (password === '') next.password = 'validation.required';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) {
      setFormError(t('common.errorSummary'));
      setFocusRequest((n) => n + 1);
      return;
    }
    setSubmitting(true);
    const result = await session.login(email.trim(), password);
    setSubmitting(false);
    if (result.ok) {
      await navigate(from.from ?? '/', { replace: true });
      return;
    }
    switch (result.reason) {
      case 'invalid':
      case 'badInput':
        setFormError(t('login.failed'));
        break;
      case 'throttled':
        setFormError(t('login.throttled', { seconds: result.retryAfterSeconds }));
        break;
      case 'busy':
        setFormError(t('auth.busy', { seconds: result.retryAfterSeconds }));
        break;
      case 'error':
        setFormError(t('common.unexpectedError'));
        break;
    }
  };

  return (
    <div className="auth-page">
      <div className="auth-page__language">
        <LanguageSwitcher />
      </div>
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
          <p className="alert" role="alert">
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
        <button type="submit" className="button" aria-disabled={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
        <p className="auth-card__switch">
          {t('login.noAccount')} <Link to="/signup">{t('login.signupLink')}</Link>
        </p>
      </form>
    </div>
  );
}
