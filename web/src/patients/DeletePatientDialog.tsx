import type { ApolloCache, Reference } from '@apollo/client';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../__generated__';
import { useT } from '../i18n/I18nProvider';
import { errorCode } from '../lib/graphqlErrors';
import { ConfirmDialog } from './ConfirmDialog';

export const PatientsDeleteMutation = graphql(`
  mutation PatientsDeleteMutation($id: ID!) {
    deletePatient(id: $id)
  }
`);

interface CachedConnection {
  nodes: readonly Reference[];
  totalCount: number;
}

/**
 * Takes a deleted patient out of the cache. A cached list that holds the patient loses it and
 * counts one fewer; a list that does not may still have counted it (on a page not loaded), so it
 * is dropped and refetched when next shown. Then the patient itself is evicted.
 */
export function removePatientFromCache(cache: ApolloCache, id: string) {
  const patientRef = cache.identify({ __typename: 'Patient', id });
  cache.modify({
    id: 'ROOT_QUERY',
    fields: {
      patients(existing, { readField, DELETE }) {
        const connection = existing as CachedConnection;
        const nodes = connection.nodes.filter((node) => readField('id', node) !== id);
        if (nodes.length === connection.nodes.length) return DELETE;
        return { ...connection, nodes, totalCount: Math.max(0, connection.totalCount - 1) };
      },
    },
  });
  if (patientRef) cache.evict({ id: patientRef });
  cache.gc();
}

export interface DeletePatientDialogProps {
  patient: { id: string; firstName: string; lastName: string; mrn: string };
  /** Called with the patient's name once deleted, or null when cancelled. */
  onDone: (name: string | null) => void;
}

/** Asks before deleting a patient; the error, if any, stays in the dialog. */
export function DeletePatientDialog({ patient, onDone }: DeletePatientDialogProps) {
  const t = useT();
  const name = `${patient.firstName} ${patient.lastName}`;
  const { cache } = useApolloClient();
  const [error, setError] = useState<string | null>(null);
  const [deletePatient, { loading }] = useMutation(PatientsDeleteMutation, {
    variables: { id: patient.id },
    update(cache) {
      removePatientFromCache(cache, patient.id);
    },
  });

  const confirm = async () => {
    setError(null);
    try {
      await deletePatient();
      onDone(name);
    } catch (failure) {
      const code = errorCode(failure);
      if (code === 'NOT_FOUND') {
        // Already gone: the list should not keep showing it.
        removePatientFromCache(cache, patient.id);
      }
      setError(
        code === 'NOT_FOUND'
          ? t('deletePatient.notFound')
          : code === 'FORBIDDEN'
            ? t('deletePatient.forbidden')
            : t('common.unexpectedError'),
      );
    }
  };

  return (
    <ConfirmDialog
      title={t('deletePatient.title', { name })}
      confirmLabel={t('deletePatient.confirm')}
      busyLabel={t('deletePatient.deleting')}
      busy={loading}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={() => onDone(null)}
    >
      <p>{t('deletePatient.body', { name, mrn: patient.mrn })}</p>
    </ConfirmDialog>
  );
}
