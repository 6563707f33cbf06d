import { useQuery } from '@apollo/client/react';
import { graphql } from '../__generated__';
import { useAuth } from '../auth/AuthProvider';
import { SelectField } from '../components/Field';
import { LayoutQuery } from '../components/Layout';
import { useT } from '../i18n/I18nProvider';

export const PatientsFilterProvidersQuery = graphql(`
  query PatientsFilterProvidersQuery {
    providers {
      id
      displayName
    }
  }
`);

export interface PatientFiltersProps {
  /** '' for every organization the user may see. */
  organizationId: string;
  onOrganizationChange: (id: string) => void;
  /** '' for every physician. */
  physicianId: string;
  onPhysicianChange: (id: string) => void;
}

/**
 * The organization and primary care physician filters. Staff may see the patients of their own
 * organization only, so today the organization list has one entry (the one the header names, from
 * the same cached query): it is then said as text, not offered as a choice. A select appears once
 * there is more than one to choose from.
 */
export function PatientFilters({
  organizationId,
  onOrganizationChange,
  physicianId,
  onPhysicianChange,
}: PatientFiltersProps) {
  const t = useT();
  const { state } = useAuth();
  const ownOrganization = state.status === 'signedIn' ? state.user.organizationId : null;
  const organizationQuery = useQuery(LayoutQuery, {
    variables: { organizationId: ownOrganization ?? '' },
    skip: !ownOrganization,
  });
  const providersQuery = useQuery(PatientsFilterProvidersQuery);
  const organizations = organizationQuery.data?.organization ? [organizationQuery.data.organization] : [];
  const providers = providersQuery.data?.providers ?? [];
  const only = organizations.length === 1 ? organizations[0] : undefined;

  return (
    <>
      {organizations.length > 1 && (
        <SelectField
          label={t('patients.filter.organization')}
          value={organizationId}
          onChange={(event) => onOrganizationChange(event.target.value)}
        >
          <option value="">{t('patients.filter.organizationAll')}</option>
          {organizations.map((organization) => (
            <option key={organization.id} value={organization.id}>
              {organization.name}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        label={t('patients.filter.pcp')}
        value={physicianId}
        hint={providersQuery.error ? t('patients.filter.pcpUnavailable') : undefined}
        onChange={(event) => onPhysicianChange(event.target.value)}
      >
        <option value="">{t('patients.filter.pcpAll')}</option>
        {providers.map((provider) => (
          <option key={provider.id} value={provider.id}>
            {provider.displayName}
          </option>
        ))}
      </SelectField>
      {only && <p className="toolbar__organization">{t('patients.filter.organizationText', { name: only.name })}</p>}
    </>
  );
}
