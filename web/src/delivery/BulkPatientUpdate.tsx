import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../__generated__';
import { evictAfterBulkChange } from '../apollo/cache';
import type { BulkPatientUpdateInput, Language } from '../__generated__/graphql';
import { useAuth } from '../auth/AuthProvider';
import { SelectField } from '../components/Field';
import { useT } from '../i18n/I18nProvider';
import { plural } from '../i18n/plural';
import { BulkForm, type FieldErrors } from './BulkForm';
import { ProviderSelect } from './ProviderSelect';
import { ScopeFields, scopeError, useScope } from './ScopeFields';

export const DeliveryBulkUpdatePatientsMutation = graphql(`
  mutation DeliveryBulkUpdatePatientsMutation(
    $filter: BulkPatientFilter!
    $input: BulkPatientUpdateInput!
    $dryRun: Boolean!
  ) {
    updatePatients(filter: $filter, input: $input, dryRun: $dryRun) {
      dryRun
      matchedCount
      changedCount
    }
  }
`);

const LANGUAGES: readonly Language[] = ['EN', 'ES'];

/** The server's problem paths, and the field of this form that shows each. */
const FIELDS: Record<string, string> = {
  'filter.primaryCarePhysicianId': 'physician',
  'input.primaryCarePhysicianId': 'pcp',
  'input.preferredLanguage': 'language',
};

/** Moves patients (of the organization, or of one physician) to another physician and/or sets their language: counted first. */
export function BulkPatientUpdate() {
  const t = useT();
  const { state } = useAuth();
  const organizationId = state.status === 'signedIn' ? state.user.organizationId : '';
  const [scope, setScope] = useScope();
  const [pcpId, setPcpId] = useState('');
  const [language, setLanguage] = useState<Language | ''>('');
  const [update] = useMutation(DeliveryBulkUpdatePatientsMutation);
  const client = useApolloClient();

  const filter =
    scope.kind === 'physician' ? { primaryCarePhysicianId: scope.physicianId } : { organizationId: organizationId };
  const input: BulkPatientUpdateInput = {
    ...(pcpId ? { primaryCarePhysicianId: pcpId } : {}),
    ...(language ? { preferredLanguage: language } : {}),
  };

  const validate = () => {
    const errors: FieldErrors = {};
    const physician = scopeError(scope, t);
    if (physician) errors['physician'] = physician;
    if (!pcpId && !language) errors[''] = t('bulk.update.noChange');
    return errors;
  };

  return (
    <BulkForm
      title={t('bulk.update.title')}
      intro={t('bulk.update.intro')}
      requestKey={JSON.stringify({ filter, input })}
      validate={validate}
      fieldOf={(path) => FIELDS[path]}
      run={async (dryRun) => {
        const { data } = await update({ variables: { filter, input, dryRun } });
        if (!data) throw new Error('updatePatients answered no data');
        // The patients changed (a new version, physician or language) and were queued for delivery:
        // the lists (by physician too) and the cached patients are stale.
        if (!data.updatePatients.dryRun) {
          evictAfterBulkChange(client.cache, ['primaryCarePhysician', 'preferredLanguage', 'version', 'updatedAt']);
        }
        return data.updatePatients;
      }}
      preview={(result) => t('bulk.update.preview', { matched: result.matchedCount, changed: result.changedCount })}
      confirmLabel={(result) =>
        result ? plural(t, 'bulk.update.confirm', result.changedCount) : t('bulk.update.confirm')
      }
      countOf={(result) => result.changedCount}
      done={(result) => t('bulk.update.done', { patients: plural(t, 'bulk.patients', result.changedCount) })}
    >
      {(errors) => (
        <>
          <ScopeFields value={scope} onChange={setScope} physicianError={errors['physician']} />
          <fieldset className="bulk-form__change">
            <legend>{t('bulk.update.change')}</legend>
            <ProviderSelect
              label={t('bulk.update.pcp')}
              placeholder={t('bulk.update.keep')}
              value={pcpId}
              onChange={setPcpId}
              error={errors['pcp']}
            />
            <SelectField
              label={t('bulk.update.language')}
              value={language}
              onChange={(event) => setLanguage(LANGUAGES.find((code) => code === event.target.value) ?? '')}
              error={errors['language']}
            >
              <option value="">{t('bulk.update.keep')}</option>
              {LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t(`bulk.update.language.${code}`)}
                </option>
              ))}
            </SelectField>
          </fieldset>
        </>
      )}
    </BulkForm>
  );
}
