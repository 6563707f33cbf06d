import { todayUtc } from '@carebridge/domain';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { isDraftChanged } from './draft';
import { useFocusFirstInvalid, useFocusOnMount } from './focus';
import { PatientFields, type PatientFieldsProps } from './PatientFields';
import './patients.css';
import {
  isPatientField,
  validatePatientDraft,
  type DraftErrors,
  type PatientDraft,
  type PatientField,
} from './validation';

/** What a refused submit tells the form: problems by field path, and/or a message for the whole form. */
export interface SubmitOutcome {
  problems?: Record<string, string>;
  alert?: ReactNode;
}

export interface PatientFormProps {
  title: string;
  initial: PatientDraft;
  /** Adding: the MRN is optional. Editing: it is required (an MRN cannot be cleared). */
  mode: 'add' | 'edit';
  submitLabel: string;
  submittingLabel: string;
  /** Sends a draft that passed the client's rules; resolves to nothing when done, or why not. */
  onSubmit: (draft: PatientDraft) => Promise<SubmitOutcome | undefined>;
  onCancel: () => void;
  /** A polite message above the fields (e.g. that the latest details were reloaded). */
  notice?: ReactNode;
  today?: string;
  /** The patient's physician as last read (editing), shown even before the physician list loads. */
  currentPhysician?: PatientFieldsProps['currentPhysician'];
  /** Told whether the form has changes not yet saved, each time that changes (starting with false). */
  onDirtyChange?: (dirty: boolean) => void;
  /** The values the fields start with when not `initial` (edits kept over a reload): unsaved changes. */
  start?: PatientDraft;
  /** Marks fields with a note (see `PatientFields`). */
  noteOf?: PatientFieldsProps['noteOf'];
}

/**
 * The patient form shared by adding and editing: the same fields, the same client rules
 * (`validation.ts`), and the server's remaining problems shown next to their fields. The caller
 * sends the draft; remount it (`key`) to start again from other initial values.
 */
export function PatientForm({
  title,
  initial,
  mode,
  submitLabel,
  submittingLabel,
  onSubmit,
  onCancel,
  notice,
  today = todayUtc(),
  currentPhysician,
  onDirtyChange,
  start,
  noteOf,
}: PatientFormProps) {
  const t = useT();
  const titleId = useId();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid<HTMLFormElement>();
  const [draft, setDraft] = useState(start ?? initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [server, setServer] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<ReactNode>(null);
  const [submitting, setSubmitting] = useState(false);
  // The submit button keeps the focus while busy (aria-disabled, not disabled): this guard ignores it.
  const busy = useRef(false);

  const dirty = isDraftChanged(initial, draft);
  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  const errorOf = (field: PatientField) => {
    const key = errors[field];
    return key ? t(key) : server[field];
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    const next = validatePatientDraft(draft, today, { requireMrn: mode === 'edit' });
    setErrors(next);
    setServer({});
    setAlert(null);
    if (Object.keys(next).length > 0) {
      setAlert(t('common.errorSummary'));
      focusFirstInvalid();
      return;
    }
    busy.current = true;
    setSubmitting(true);
    const outcome = await onSubmit(draft).finally(() => {
      busy.current = false;
    });
    setSubmitting(false);
    if (!outcome) return;
    const problems = outcome.problems ?? {};
    setServer(problems);
    // A problem with no field of its own here (say, organizationId) is said in the form's alert.
    const elsewhere = Object.entries(problems).filter(([field]) => !isPatientField(field));
    const hasFieldProblems = elsewhere.length < Object.keys(problems).length;
    setAlert(
      outcome.alert ?? (
        <>
          {t('common.errorSummary')}
          {elsewhere.map(([field, message]) => (
            <span key={field} className="alert__detail">
              {message}
            </span>
          ))}
        </>
      ),
    );
    if (hasFieldProblems) focusFirstInvalid();
  };

  return (
    <form
      ref={formRef}
      className="card add-patient"
      noValidate
      aria-labelledby={titleId}
      onSubmit={(e) => void submit(e)}
    >
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <div role="status">{notice && <p className="notice">{notice}</p>}</div>
      {alert && (
        <div className="alert" role="alert">
          {alert}
        </div>
      )}
      <PatientFields
        draft={draft}
        onChange={(field, value) => setDraft((d) => ({ ...d, [field]: value }))}
        errorOf={errorOf}
        today={today}
        mrnOptional={mode === 'add'}
        currentPhysician={currentPhysician}
        noteOf={noteOf}
      />
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={submitting || undefined}>
          {submitting ? submittingLabel : submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
