import { useT } from '../i18n/I18nProvider';
import { toPatientInput } from './draft';
import { PatientForm } from './PatientForm';
import { translatedProblems } from './problems';
import { useCreatePatientMutation } from './useCreatePatientMutation';
import { EMPTY_DRAFT } from './validation';

/** Adds one patient; `onDone` gets the new patient's id and name, or null when cancelled. */
export function AddPatientForm({
  onDone,
  today,
  onDirtyChange,
}: {
  onDone: (created: { id: string; name: string } | null) => void;
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
          if (data) {
            const { id, firstName, lastName } = data.createPatient;
            onDone({ id, name: `${firstName} ${lastName}` });
          }
          return undefined;
        } catch (error) {
          const problems = translatedProblems(error, t);
          return Object.keys(problems).length > 0 ? { problems } : { alert: t('common.unexpectedError') };
        }
      }}
    />
  );
}
