import { useApolloClient, useMutation } from '@apollo/client/react';
import { graphql } from '../__generated__';
import { evictAfterBulkChange } from '../apollo/cache';
import { useT } from '../i18n/I18nProvider';
import { plural } from '../i18n/plural';
import { BulkForm, type FieldErrors } from './BulkForm';
import { ScopeFields, scopeError, useScope } from './ScopeFields';

export const DeliveryBulkResendMutation = graphql(`
  mutation DeliveryBulkResendMutation($filter: ResendFilter!, $dryRun: Boolean!) {
    resendToEhr(filter: $filter, dryRun: $dryRun) {
      dryRun
      patientCount
      requestCount
    }
  }
`);

/** Sends every patient of the organization, or of one physician, to the EHR again: counted first. */
export function BulkResend() {
  const t = useT();
  const [scope, setScope] = useScope();
  const [resend] = useMutation(DeliveryBulkResendMutation);
  const client = useApolloClient();
  // Without a physician the resend covers the caller's whole organization.
  const filter = scope.kind === 'physician' ? { primaryCarePhysicianId: scope.physicianId } : {};

  return (
    <BulkForm
      title={t('bulk.resend.title')}
      intro={t('bulk.resend.intro')}
      requestKey={JSON.stringify(filter)}
      validate={(): FieldErrors => {
        const physician = scopeError(scope, t);
        return physician ? { physician } : {};
      }}
      fieldOf={(path) => (path.endsWith('primaryCarePhysicianId') ? 'physician' : undefined)}
      run={async (dryRun) => {
        const { data } = await resend({ variables: { filter, dryRun } });
        if (!data) throw new Error('resendToEhr answered no data');
        // New transactions were queued: every patient's delivery status shown so far is stale.
        if (!data.resendToEhr.dryRun) evictAfterBulkChange(client.cache);
        return data.resendToEhr;
      }}
      preview={(result) =>
        t('bulk.resend.preview', {
          patients: plural(t, 'bulk.patients', result.patientCount),
          requests: plural(t, 'bulk.requests', result.requestCount),
        })
      }
      confirmLabel={(result) =>
        result ? plural(t, 'bulk.resend.confirm', result.patientCount) : t('bulk.resend.confirm')
      }
      countOf={(result) => result.patientCount}
      done={(result) =>
        t('bulk.resend.done', {
          patients: plural(t, 'bulk.patients', result.patientCount),
          requests: plural(t, 'bulk.requests', result.requestCount),
        })
      }
    >
      {(errors) => <ScopeFields value={scope} onChange={setScope} physicianError={errors['physician']} />}
    </BulkForm>
  );
}
