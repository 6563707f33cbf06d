import { useQuery } from '@apollo/client/react';
import { graphql } from '../__generated__';
import { SelectField } from '../components/Field';
import { useT } from '../i18n/I18nProvider';

export const DeliveryBulkProvidersQuery = graphql(`
  query DeliveryBulkProvidersQuery {
    providers {
      id
      displayName
      specialty
    }
  }
`);

interface ProviderSelectProps {
  label: string;
  /** The first option, for "none chosen". */
  placeholder: string;
  value: string;
  onChange: (providerId: string) => void;
  error?: string | undefined;
}

/** A select of the organization's providers (one query, shared by every select through the cache). */
export function ProviderSelect({ label, placeholder, value, onChange, error }: ProviderSelectProps) {
  const t = useT();
  const { data, error: loadError } = useQuery(DeliveryBulkProvidersQuery);
  return (
    <SelectField
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error ?? (loadError ? t('bulk.providers.error') : undefined)}
    >
      <option value="">{placeholder}</option>
      {data?.providers.map((provider) => (
        <option key={provider.id} value={provider.id}>
          {provider.displayName} ({provider.specialty})
        </option>
      ))}
    </SelectField>
  );
}
