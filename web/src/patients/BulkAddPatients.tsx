import { useQuery } from '@apollo/client/react';
import { todayUtc } from '@carebridge/domain';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Gender, Language } from '../__generated__/graphql';
import { useI18n, useT } from '../i18n/I18nProvider';
import { plural } from '../i18n/plural';
import { formatDate, formatPhone } from '../lib/format';
import { listItemOf } from '../lib/graphqlErrors';
import { FIELD_LABELS } from './fieldLabels';
import { translatedProblems } from './problems';
import { toPatientInput } from './draft';
import { PatientFields } from './PatientFields';
import { PatientsFilterProvidersQuery } from './PatientFilters';
import './patients.css';
import { useCreatePatientsMutation } from './useCreatePatientMutation';
import {
  EMPTY_DRAFT,
  isBlankDraft,
  isPatientField,
  validatePatientDraft,
  type DraftErrors,
  type PatientDraft,
  type PatientField,
} from './validation';

interface Row {
  key: number;
  draft: PatientDraft;
  errors: DraftErrors;
  /** The server's problems of this row, by field; `''` for one that names no field shown here. */
  server: Record<string, string>;
}

type FocusTarget = { kind: 'heading' } | { kind: 'review' } | { kind: 'invalid' } | { kind: 'row'; key: number };

const newRow = (key: number): Row => ({ key, draft: EMPTY_DRAFT, errors: {}, server: {} });
/** The row and field a server problem names (`inputs[i].field`, i the position in the list sent). */
const inputProblem = (path: string) => {
  const item = listItemOf(path, 'inputs');
  return item && item.inner !== '' ? item : undefined;
};
/** The fields a row shows: not the optional groups (`address.city`…), whose problems go to the row's message. */
const isRowField = (field: string): field is PatientField => isPatientField(field) && !field.includes('.');

/** Client rules for every filled row, plus MRNs unique within the list (as the server checks, case-insensitive). */
function validateRows(rows: readonly Row[], today: string): Row[] {
  const mrns = new Set<string>();
  return rows.map((row) => {
    if (isBlankDraft(row.draft)) return { ...row, errors: {}, server: {} };
    const errors = validatePatientDraft(row.draft, today);
    const mrn = row.draft.mrn.trim().toUpperCase();
    if (mrn !== '' && !errors.mrn) {
      if (mrns.has(mrn)) errors.mrn = 'bulkAdd.duplicateMrn';
      mrns.add(mrn);
    }
    return { ...row, errors, server: {} };
  });
}

/** The server's `inputs[i].field` problems, put back on the rows that were sent (`sent[i]` is a row key). */
function withServerProblems(
  rows: readonly Row[],
  sent: readonly number[],
  problems: Record<string, string>,
  labelOf: (path: string) => string,
): Row[] {
  const byKey = new Map<number, Record<string, string>>();
  for (const [path, message] of Object.entries(problems)) {
    const item = inputProblem(path);
    const key = item && sent[item.index];
    if (!item || key === undefined) continue;
    const field = isRowField(item.inner) ? item.inner : '';
    const rowProblems = byKey.get(key) ?? {};
    rowProblems[field] ??= field === '' ? `${labelOf(item.inner)}: ${message}` : message;
    byKey.set(key, rowProblems);
  }
  return rows.map((row) => ({ ...row, server: byKey.get(row.key) ?? {} }));
}

/**
 * Adds several patients at once: build a list (one group of fields per patient, the add form's
 * rules), review it, then create them all in one `createPatients` call. The server creates all or
 * none; its `inputs[i].field` problems come back to the row and field they name, and nothing typed
 * is lost. `onDone` gets how many were created, or null when cancelled.
 *
 * Each row has the core fields, the primary care physician and the preferred language; the
 * address, emergency contact and insurance are added afterwards, one patient at a time (edit).
 */
export function BulkAddPatients({
  onDone,
  today = todayUtc(),
  onDirtyChange,
}: {
  onDone: (count: number | null) => void;
  today?: string;
  /** Told whether the list has anything typed in it, each time that changes (starting with false). */
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const t = useT();
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reviewRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const nextKey = useRef(2);
  const [rows, setRows] = useState<Row[]>(() => [newRow(0), newRow(1)]);
  const [step, setStep] = useState<'edit' | 'review'>('edit');
  const [alert, setAlert] = useState<string | null>(null);
  const [focus, setFocus] = useState<FocusTarget>({ kind: 'heading' });
  const [createPatients, { loading }] = useCreatePatientsMutation();

  useEffect(() => {
    if (focus.kind === 'heading') headingRef.current?.focus();
    else if (focus.kind === 'review') reviewRef.current?.focus();
    else {
      const selector = focus.kind === 'invalid' ? '[aria-invalid="true"]' : `[data-row="${focus.key}"] input`;
      formRef.current?.querySelector<HTMLElement>(selector)?.focus();
    }
  }, [focus]);

  const filled = rows.filter((row) => !isBlankDraft(row.draft));
  const dirty = filled.length > 0;
  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  const change = (key: number, field: PatientField, value: string) => {
    setRows((all) => all.map((row) => (row.key === key ? { ...row, draft: { ...row.draft, [field]: value } } : row)));
  };

  const addRow = () => {
    const key = nextKey.current++;
    setRows((all) => [...all, newRow(key)]);
    setFocus({ kind: 'row', key });
  };

  const removeRow = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    setRows(next);
    const neighbour = next[Math.min(index, next.length - 1)];
    if (neighbour) setFocus({ kind: 'row', key: neighbour.key });
  };

  const review = (event: FormEvent) => {
    event.preventDefault();
    const checked = validateRows(rows, today);
    setRows(checked);
    if (checked.every((row) => isBlankDraft(row.draft))) {
      setAlert(t('bulkAdd.empty'));
      setFocus({ kind: 'row', key: checked[0]?.key ?? 0 });
      return;
    }
    if (checked.some((row) => Object.keys(row.errors).length > 0)) {
      setAlert(t('common.errorSummary'));
      setFocus({ kind: 'invalid' });
      return;
    }
    setAlert(null);
    setStep('review');
    setFocus({ kind: 'review' });
  };

  const submit = async () => {
    setAlert(null);
    const sent = filled.map((row) => row.key);
    try {
      await createPatients({ variables: { inputs: filled.map((row) => toPatientInput(row.draft)) } });
      onDone(sent.length);
    } catch (error) {
      const problems = translatedProblems(error, t);
      if (Object.keys(problems).length === 0) {
        // Not about the input (the network, a refusal): stay on the review, the list intact.
        setAlert(t('common.unexpectedError'));
        return;
      }
      const labelOf = (path: string) => (isPatientField(path) ? t(FIELD_LABELS[path]) : t('patients.problem.field'));
      setRows((all) => withServerProblems(all, sent, problems, labelOf));
      const general = Object.entries(problems).filter(([path]) => !inputProblem(path));
      setAlert([t('bulkAdd.refused'), ...general.map(([, message]) => message)].join(' '));
      setStep('edit');
      setFocus({ kind: 'invalid' });
    }
  };

  const alertBox = alert && (
    <p className="alert" role="alert">
      {alert}
    </p>
  );

  return (
    <section className="card add-patient" aria-labelledby={titleId}>
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {t('bulkAdd.title')}
      </h2>
      {step === 'edit' ? (
        <form ref={formRef} noValidate aria-labelledby={titleId} onSubmit={review}>
          <p className="bulk-add__intro">{t('bulkAdd.intro')}</p>
          {alertBox}
          {rows.map((row, index) => {
            const number = index + 1;
            const errorOf = (field: PatientField) => {
              const key = row.errors[field];
              return key ? t(key) : row.server[field];
            };
            return (
              <fieldset key={row.key} className="bulk-row" data-row={row.key}>
                <legend>{t('bulkAdd.row', { number })}</legend>
                {row.server[''] && <p className="field__error">{row.server['']}</p>}
                <PatientFields
                  draft={row.draft}
                  onChange={(field, value) => change(row.key, field, value)}
                  errorOf={errorOf}
                  today={today}
                  mrnOptional
                  variant="bulk"
                />
                {rows.length > 1 && (
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={t('bulkAdd.removeLabel', { number })}
                    onClick={() => removeRow(index)}
                  >
                    {t('bulkAdd.remove')}
                  </button>
                )}
              </fieldset>
            );
          })}
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={addRow}>
              {t('bulkAdd.addRow')}
            </button>
          </div>
          <div className="form-actions bulk-add__actions">
            <button type="submit" className="button">
              {t('bulkAdd.review')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <h3 ref={reviewRef} tabIndex={-1}>
            {plural(t, 'bulkAdd.reviewTitle', filled.length)}
          </h3>
          <p>{t('bulkAdd.reviewIntro')}</p>
          {alertBox}
          <ReviewTable rows={filled} />
          <div className="form-actions bulk-add__actions">
            <button
              type="button"
              className="button"
              aria-disabled={loading || undefined}
              onClick={() => void (loading || submit())}
            >
              {loading ? t('bulkAdd.submitting') : plural(t, 'bulkAdd.submit', filled.length)}
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={loading || undefined}
              onClick={() => {
                if (loading) return;
                setAlert(null);
                setStep('edit');
                setFocus({ kind: 'heading' });
              }}
            >
              {t('bulkAdd.back')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function ReviewTable({ rows }: { rows: readonly Row[] }) {
  const { t, language } = useI18n();
  // Already loaded by the rows' physician selects.
  const providers = useQuery(PatientsFilterProvidersQuery).data?.providers ?? [];
  const physician = (id: string) =>
    id === '' ? t('patients.none') : (providers.find((provider) => provider.id === id)?.displayName ?? id);
  const optional = (value: string) => (value.trim() === '' ? t('patients.none') : value.trim());
  return (
    <div className="table-scroll">
      <table className="table bulk-review">
        <caption className="visually-hidden">{t('bulkAdd.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bulkAdd.col.number')}</th>
            <th scope="col">{t('patients.col.name')}</th>
            <th scope="col">{t('patients.col.gender')}</th>
            <th scope="col">{t('patients.col.dateOfBirth')}</th>
            <th scope="col">{t('patients.col.mrn')}</th>
            <th scope="col">{t('patients.col.phone')}</th>
            <th scope="col">{t('patients.col.email')}</th>
            <th scope="col">{t('patients.col.pcp')}</th>
            <th scope="col">{t('patientForm.language')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, draft }, index) => (
            <tr key={key}>
              <td>{index + 1}</td>
              <th scope="row">
                {draft.lastName.trim()}, {draft.firstName.trim()}
              </th>
              <td>{draft.gender && t(`gender.${draft.gender as Gender}`)}</td>
              <td>
                <time dateTime={draft.dateOfBirth}>{formatDate(draft.dateOfBirth, language)}</time>
              </td>
              <td className="mono">{draft.mrn.trim() || t('bulkAdd.mrnGenerated')}</td>
              <td>{draft.phone.trim() === '' ? t('patients.none') : formatPhone(draft.phone.trim())}</td>
              <td className="cell--wrap">{optional(draft.email)}</td>
              <td>{physician(draft.primaryCarePhysicianId)}</td>
              <td>{t(`patientForm.language.${draft.preferredLanguage as Language}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
