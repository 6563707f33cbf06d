import { useT } from '../i18n/I18nProvider';
import { problemsByField } from '../lib/graphqlErrors';
import { toPatientInput } from './draft';
import { PatientForm } from './PatientForm';
import { useCreatePatientMutation } from './useCreatePatientMutation';
import { EMPTY_DRAFT } from './validation';

/** Adds one patient; `onDone` gets the new patient's name, or null when cancelled. */
export function AddPatientForm({
  onDone,
  today,
  onDirtyChange,
}: {
  onDone: (name: string | null) => void;
  today?: string;
  /** Told whether the form has unsaved changes (see `PatientForm`). */
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const t = useT();
  const [createPatient] = useCreatePatientMutation();

  return (
    <PatientForm
      title={t('addPatient.title')}
      initial={EMPTY_DRAFT}
      mode="add"
      submitLabel={t('addPatient.submit')}
      submittingLabel={t('addPatient.submitting')}
      today={today}
      onDirtyChange={onDirtyChange}
      onCancel={() => onDone(null)}
      onSubmit={async (draft) => {
        try {
          const { data } = await createPatient({ variables: { input: toPatientInput(draft) } });
          if (data) onDone(`${data.createPatient.firstName} ${data.createPatient.lastName}`);
          return undefined;
        } catch (error) {
          const problems = problemsByField(error);
          return Object.keys(problems).length > 0 ? { problems } : { alert: t('common.unexpectedError') };
        }
      }}
    />
  );
}
