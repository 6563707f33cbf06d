import { passwordProblem, type PasswordProblem } from '@carebridge/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from './AuthProvider';
import { AuthPage } from './AuthPage';
import type { LoginLocationState } from './RequireAuth';
import type { SignupBody } from './session';
import { SelectField, TextField } from '../components/Field';
import type { MessageKey } from '../i18n/en';
import { useDocumentTitle } from '../components/useRouteAnnouncement';
import { useT } from '../i18n/I18nProvider';
import { problemKey, requestErrorKey } from '../lib/errorMessages';
import type { FieldProblem } from '../lib/graphqlErrors';
import { emailError } from '../lib/validation';

type Mode = 'register' | 'invite';
type Kind = 'CLINIC' | 'HOSPITAL';
type SignupField = 'name' | 'email' | 'password' | 'organizationName' | 'kind' | 'ehrSystemId' | 'inviteCode';

export interface EhrSystemOption {
  id: string;
  name: string;
}

type EhrSystemList = { status: 'loading' } | { status: 'loaded'; systems: EhrSystemOption[] } | { status: 'error' };

const isOption = (value: unknown): value is EhrSystemOption =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as EhrSystemOption).id === 'string' &&
  typeof (value as EhrSystemOption).name === 'string';

/**
 * The EHR systems a new clinic can choose, ordered by name: whatever the platform has, a system
 * added later with `createEhrSystem` included. Sign-up happens before there is a token, so they
 * come from the gateway's public `GET /auth/ehr-systems`, not from the graph.
 */
export async function loadEhrSystems(signal?: AbortSignal): Promise<EhrSystemOption[]> {
  const response = await fetch('/auth/ehr-systems', {
    method: 'GET',
    headers: { accept: 'application/json' },
    // Public data: no cookie needs to go with it.
    credentials: 'omit',
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw new Error(`GET /auth/ehr-systems answered ${response.status}`);
  const body = (await response.json()) as { ehrSystems?: unknown } | null;
  if (!Array.isArray(body?.ehrSystems)) throw new Error('GET /auth/ehr-systems answered no list');
  return body.ehrSystems.filter(isOption).map(({ id, name }) => ({ id, name }));
}

/** The gateway's password rule (@carebridge/domain), in the words the gateway uses too. */
const PASSWORD_MESSAGES: Record<PasswordProblem, MessageKey> = {
  tooShort: 'validation.password',
  tooLong: 'validation.password',
  blank: 'validation.passwordBlank',
  common: 'validation.passwordCommon',
  personal: 'validation.passwordPersonal',
};

/** The gateway's problem paths, as the form's fields. */
const SERVER_FIELDS: Record<string, SignupField> = {
  name: 'name',
  email: 'email',
  password: 'password',
  inviteCode: 'inviteCode',
  organization: 'organizationName',
  'organization.name': 'organizationName',
  'organization.kind': 'kind',
  'organization.ehrSystemId': 'ehrSystemId',
};

export function SignupRoute() {
  const t = useT();
  useDocumentTitle('title.signup');
  const { session } = useAuth();
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>('register');
  const [values, setValues] = useState({
    name: '',
    email: '',
    password: '',
    organizationName: '',
    kind: 'CLINIC' as Kind,
    ehrSystemId: '',
    inviteCode: '',
  });
  const [errors, setErrors] = useState<Partial<Record<SignupField, MessageKey>>>({});
  const [serverProblems, setServerProblems] = useState<Partial<Record<SignupField, MessageKey>>>({});
  const [formError, setFormError] = useState<{ key: MessageKey; seconds?: number } | null>(null);
  /** Changes on every refused submit, so the summary is announced again even with the same text. */
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  /** The guard against a second submit while one runs (the button stays focusable: aria-disabled). */
  const submittingRef = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [ehrSystems, setEhrSystems] = useState<EhrSystemList>({ status: 'loading' });
  const [ehrLoad, setEhrLoad] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    loadEhrSystems(controller.signal).then(
      (systems) => {
        if (!controller.signal.aborted) setEhrSystems({ status: 'loaded', systems });
      },
      () => {
        if (!controller.signal.aborted) setEhrSystems({ status: 'error' });
      },
    );
    return () => controller.abort();
  }, [ehrLoad]);

  // After a refused submit, focus goes to the first invalid field (the summary when none is marked).
  useEffect(() => {
    if (attempt === 0) return;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector('[role="alert"]');
    target?.focus();
  }, [attempt]);

  const retryEhrSystems = () => {
    setEhrSystems({ status: 'loading' });
    setEhrLoad((n) => n + 1);
    // The retry button goes away while loading: keep the focus on the field it is about.
    formRef.current?.querySelector<HTMLElement>('select[name="ehrSystemId"]')?.focus();
  };

  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));
  const errorOf = (field: SignupField) => {
    const key = errors[field] ?? serverProblems[field];
    return key && t(key);
  };

  const validate = () => {
    const next: Partial<Record<SignupField, MessageKey>> = {};
    const name = values.name.trim().length;
    if (name < 1 || name > 100) next.name = 'validation.name';
    if (emailError(values.email)) next.email = 'validation.email';
    const password = passwordProblem(values.password, { email: values.email, name: values.name });
    if (password) next.password = PASSWORD_MESSAGES[password];
    if (mode === 'register') {
      const org = values.organizationName.trim().length;
      if (org < 2 || org > 120) next.organizationName = 'validation.organizationName';
      if (values.ehrSystemId === '') next.ehrSystemId = 'validation.required';
    } else if (values.inviteCode.trim() === '') {
      next.inviteCode = 'validation.required';
    }
    return next;
  };

  const refuse = (message: MessageKey, seconds?: number) => {
    setFormError(seconds === undefined ? { key: message } : { key: message, seconds });
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submittingRef.current) return;
    const next = validate();
    setErrors(next);
    setServerProblems({});
    setFormError(null);
    if (Object.keys(next).length > 0) {
      refuse('common.errorSummary');
      return;
    }
    const base = { name: values.name.trim(), email: values.email.trim(), password: values.password };
    const body: SignupBody =
      mode === 'register'
        ? {
            ...base,
            organization: { name: values.organizationName.trim(), kind: values.kind, ehrSystemId: values.ehrSystemId },
          }
        : { ...base, inviteCode: values.inviteCode.trim() };
    submittingRef.current = true;
    setSubmitting(true);
    const result = await session.signup(body);
    submittingRef.current = false;
    setSubmitting(false);
    if (result.ok) {
      const state: LoginLocationState = { signedUp: true, email: body.email };
      await navigate('/login', { state });
    } else if (result.reason === 'badInput') {
      setServerProblems(toFields(result.problems));
      refuse('common.errorSummary');
    } else if (result.reason === 'throttled' || result.reason === 'busy') {
      refuse(requestErrorKey(result.code, 'auth.busy'), result.retryAfterSeconds);
    } else {
      refuse('common.unexpectedError');
    }
  };

  return (
    <AuthPage>
      <form
        ref={formRef}
        className="card auth-card"
        noValidate
        onSubmit={(event) => void onSubmit(event)}
        aria-labelledby="signup-title"
      >
        <h1 id="signup-title">{t('signup.title')}</h1>
        {formError && (
          <p key={attempt} className="alert" role="alert" tabIndex={-1}>
            {t(formError.key, formError.seconds === undefined ? undefined : { seconds: formError.seconds })}
          </p>
        )}
        <fieldset className="choice">
          <legend>{t('signup.mode')}</legend>
          {(['register', 'invite'] as const).map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="mode"
                value={option}
                checked={mode === option}
                onChange={() => setMode(option)}
              />
              {t(`signup.mode.${option}`)}
            </label>
          ))}
        </fieldset>
        <TextField
          label={t('signup.name')}
          autoComplete="name"
          value={values.name}
          onChange={set('name')}
          error={errorOf('name')}
        />
        <TextField
          label={t('signup.email')}
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={set('email')}
          error={errorOf('email')}
        />
        <TextField
          label={t('signup.password')}
          type="password"
          autoComplete="new-password"
          hint={t('signup.passwordHint')}
          value={values.password}
          onChange={set('password')}
          error={errorOf('password')}
        />
        {mode === 'register' ? (
          <>
            <TextField
              label={t('signup.organizationName')}
              autoComplete="organization"
              value={values.organizationName}
              onChange={set('organizationName')}
              error={errorOf('organizationName')}
            />
            <SelectField label={t('signup.kind')} value={values.kind} onChange={set('kind')} error={errorOf('kind')}>
              <option value="CLINIC">{t('signup.kind.CLINIC')}</option>
              <option value="HOSPITAL">{t('signup.kind.HOSPITAL')}</option>
            </SelectField>
            <SelectField
              label={t('signup.ehrSystem')}
              name="ehrSystemId"
              value={values.ehrSystemId}
              onChange={set('ehrSystemId')}
              error={errorOf('ehrSystemId')}
              aria-busy={ehrSystems.status === 'loading' || undefined}
            >
              <option value="">
                {t(ehrSystems.status === 'loading' ? 'signup.ehrSystem.loading' : 'signup.ehrSystem.choose')}
              </option>
              {ehrSystems.status === 'loaded' &&
                ehrSystems.systems.map((system) => (
                  <option key={system.id} value={system.id}>
                    {system.name}
                  </option>
                ))}
            </SelectField>
            {ehrSystems.status === 'error' && (
              <>
                <p className="alert" role="alert">
                  {t('signup.ehrSystem.loadError')}
                </p>
                <div className="form-actions">
                  <button type="button" className="button button--secondary" onClick={retryEhrSystems}>
                    {t('signup.ehrSystem.retry')}
                  </button>
                </div>
              </>
            )}
          </>
        ) : (
          <TextField
            label={t('signup.inviteCode')}
            autoComplete="off"
            value={values.inviteCode}
            onChange={set('inviteCode')}
            error={errorOf('inviteCode')}
          />
        )}
        <button type="submit" className="button" aria-disabled={submitting || undefined}>
          {submitting ? t('signup.submitting') : t('signup.submit')}
        </button>
        <p className="auth-card__switch">
          {t('signup.haveAccount')} <Link to="/login">{t('signup.loginLink')}</Link>
        </p>
      </form>
    </AuthPage>
  );
}

/** The words of a length problem depend on the field; the other codes say the same anywhere. */
const LENGTH_MESSAGES: Partial<Record<SignupField, MessageKey>> = {
  name: 'validation.name',
  organizationName: 'validation.organizationName',
};

/** The gateway's problems on the form's fields, each as a catalogue key by its code (errorMessages.ts). */
function toFields(problems: FieldProblem[]): Partial<Record<SignupField, MessageKey>> {
  const fields: Partial<Record<SignupField, MessageKey>> = {};
  for (const problem of problems) {
    const field = SERVER_FIELDS[problem.field];
    const length = field && LENGTH_MESSAGES[field];
    if (field) fields[field] ??= problemKey(problem, length ? { INVALID_LENGTH: length } : {});
  }
  return fields;
}
