import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import type { LoginLocationState } from '../auth/RequireAuth';
import type { FieldProblem, SignupBody } from '../auth/session';
import { SelectField, TextField } from '../components/Field';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import { emailError } from '../patients/validation';

type Mode = 'register' | 'invite';
type Kind = 'CLINIC' | 'HOSPITAL';
type SignupField = 'name' | 'email' | 'password' | 'organizationName' | 'kind' | 'ehrSystemId' | 'inviteCode';

/** The EHR systems seeded by the ehr subgraph. Sign-up happens before there is a token to ask the graph. */
export const EHR_SYSTEMS = [
  { id: 'ehr-athena', name: 'Athena' },
  { id: 'ehr-allscripts', name: 'Allscripts' },
] as const;

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
  const [serverProblems, setServerProblems] = useState<Partial<Record<SignupField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));
  const errorOf = (field: SignupField) => (errors[field] ? t(errors[field]) : serverProblems[field]);

  const validate = () => {
    const next: Partial<Record<SignupField, MessageKey>> = {};
    const name = values.name.trim().length;
    if (name < 1 || name > 100) next.name = 'validation.name';
    if (emailError(values.email)) next.email = 'validation.email';
    if (values.password.length < 12 || values.password.length > 128) next.password = 'validation.password';
    if (mode === 'register') {
      const org = values.organizationName.trim().length;
      if (org < 2 || org > 120) next.organizationName = 'validation.organizationName';
      if (values.ehrSystemId === '') next.ehrSystemId = 'validation.required';
    } else if (values.inviteCode.trim() === '') {
      next.inviteCode = 'validation.required';
    }
    return next;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const next = validate();
    setErrors(next);
    setServerProblems({});
    setFormError(null);
    if (Object.keys(next).length > 0) return;
    const base = { name: values.name.trim(), email: values.email.trim(), password: values.password };
    const body: SignupBody =
      mode === 'register'
        ? {
            ...base,
            organization: { name: values.organizationName.trim(), kind: values.kind, ehrSystemId: values.ehrSystemId },
          }
        : { ...base, inviteCode: values.inviteCode.trim() };
    setSubmitting(true);
    const result = await session.signup(body);
    setSubmitting(false);
    if (result.ok) {
      const state: LoginLocationState = { signedUp: true };
      await navigate('/login', { state });
    } else if (result.reason === 'badInput') {
      setServerProblems(toFields(result.problems));
      setFormError(t('common.errorSummary'));
    } else {
      setFormError(t('common.unexpectedError'));
    }
  };

  return (
    <div className="auth-page">
      <div className="auth-page__language">
        <LanguageSwitcher />
      </div>
      <form
        className="card auth-card"
        noValidate
        onSubmit={(event) => void onSubmit(event)}
        aria-labelledby="signup-title"
      >
        <h1 id="signup-title">{t('signup.title')}</h1>
        {formError && (
          <p className="alert" role="alert">
            {formError}
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
              value={values.ehrSystemId}
              onChange={set('ehrSystemId')}
              error={errorOf('ehrSystemId')}
            >
              <option value="">{t('signup.ehrSystem.choose')}</option>
              {EHR_SYSTEMS.map((system) => (
                <option key={system.id} value={system.id}>
                  {system.name}
                </option>
              ))}
            </SelectField>
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
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? t('signup.submitting') : t('signup.submit')}
        </button>
        <p className="auth-card__switch">
          {t('signup.haveAccount')} <Link to="/login">{t('signup.loginLink')}</Link>
        </p>
      </form>
    </div>
  );
}

function toFields(problems: FieldProblem[]): Partial<Record<SignupField, string>> {
  const fields: Partial<Record<SignupField, string>> = {};
  for (const problem of problems) {
    const field = SERVER_FIELDS[problem.field];
    if (field) fields[field] = problem.message;
  }
  return fields;
}
