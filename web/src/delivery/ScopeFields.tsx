import { useId } from 'react';
import { useT, type Translate } from '../i18n/I18nProvider';
import { ProviderSelect } from './ProviderSelect';

/** Which patients a bulk change concerns: the whole organization, or one physician's patients. */
export interface Scope {
  kind: 'organization' | 'physician';
  /** The physician, when `kind` is physician ('' while none is chosen). */
  physicianId: string;
}

export const ORGANIZATION: Scope = { kind: 'organization', physicianId: '' };

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
  return (
    <>
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
