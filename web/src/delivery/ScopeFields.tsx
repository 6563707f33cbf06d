import { useId, useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { useT, type Translate } from '../i18n/I18nProvider';
import { ProviderSelect } from './ProviderSelect';

/** Which patients a bulk change concerns: the whole organization, or one physician's patients. */
export interface Scope {
  kind: 'organization' | 'physician';
  /** The physician, when `kind` is physician ('' while none is chosen). */
  physicianId: string;
}

export const ORGANIZATION: Scope = { kind: 'organization', physicianId: '' };
const PHYSICIAN: Scope = { kind: 'physician', physicianId: '' };

/**
 * Whether the signed-in user may change the whole organization at once: an ADMIN may; a CLINICIAN
 * works on one physician's patients (the patient and ehr subgraphs refuse the rest with FORBIDDEN).
 */
export function useOrganizationWide(): boolean {
  const { state } = useAuth();
  return state.status === 'signedIn' && state.user.role === 'ADMIN';
}

/** A bulk form's scope: the whole organization at first for an ADMIN, one physician for anyone else. */
export function useScope(): [Scope, (scope: Scope) => void] {
  const organizationWide = useOrganizationWide();
  const [scope, setScope] = useState<Scope>(organizationWide ? ORGANIZATION : PHYSICIAN);
  return [organizationWide ? scope : { ...scope, kind: 'physician' }, setScope];
}

/** The physician scope's problem, if any (already translated). */
export function scopeError(scope: Scope, t: Translate): string | undefined {
  return scope.kind === 'physician' && scope.physicianId === '' ? t('bulk.physician.required') : undefined;
}

interface ScopeFieldsProps {
  value: Scope;
  onChange: (scope: Scope) => void;
  physicianError?: string | undefined;
}

export function ScopeFields({ value, onChange, physicianError }: ScopeFieldsProps) {
  const t = useT();
  const name = useId();
  const organizationWide = useOrganizationWide();
  return (
    <>
      {organizationWide ? (
        <fieldset className="choice">
          <legend>{t('bulk.scope')}</legend>
          {(['organization', 'physician'] as const).map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name={name}
                value={kind}
                checked={value.kind === kind}
                onChange={() => onChange({ ...value, kind })}
              />
              {t(`bulk.scope.${kind}`)}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="field__hint bulk-form__scope-note">{t('bulk.scope.adminOnly')}</p>
      )}
      {value.kind === 'physician' && (
        <ProviderSelect
          label={t('bulk.physician')}
          placeholder={t('bulk.physician.choose')}
          value={value.physicianId}
          onChange={(physicianId) => onChange({ ...value, physicianId })}
          error={physicianError}
        />
      )}
    </>
  );
}
