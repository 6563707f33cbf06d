import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { serverProblems } from './problems';

/** Problems by field key; the key '' is the form as a whole. Messages are already translated. */
export type FieldErrors = Record<string, string>;

interface BulkFormProps<Result> {
  title: string;
  intro: string;
  /** Identifies what would be done (scope and change): a count holds only for the key it was made for. */
  requestKey: string;
  /** The problems to fix before anything is asked of the server. */
  validate: () => FieldErrors;
  /** The field key of a problem path the server names (e.g. `filter.primaryCarePhysicianId`), if it is shown by a field. */
  fieldOf: (path: string) => string | undefined;
  /** Runs the change: only counting with `dryRun`. */
  run: (dryRun: boolean) => Promise<Result>;
  /** The dry run's count, as a sentence. */
  preview: (result: Result) => string;
  /** The confirm button's label: for the counted result once there is one. */
  confirmLabel: (result: Result | null) => string;
  /** How many patients the confirmation would change: it needs at least one. */
  countOf: (result: Result) => number;
  /** The notice once it is done. */
  done: (result: Result) => string;
  /** The scope and change fields, with their problems. */
  children: (errors: FieldErrors) => ReactNode;
}

interface Shown<T> {
  key: string;
  value: T;
}

/**
 * The two steps of every bulk change: "Check count" runs a dry run and shows how many patients it
 * concerns; only then is the confirm button enabled, and only for what was counted: changing the
 * scope or the change (`requestKey`) disables it until the next count.
 */
export function BulkForm<Result>(props: BulkFormProps<Result>) {
  const { title, intro, requestKey, validate, fieldOf, run, preview, confirmLabel, countOf, done, children } = props;
  const t = useT();
  const id = useId();
  const [counted, setCounted] = useState<Shown<Result> | null>(null);
  const [problems, setProblems] = useState<Shown<FieldErrors> | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'count' | 'send' | null>(null);
  const checkButton = useRef<HTMLButtonElement>(null);

  const current = counted?.key === requestKey ? counted.value : null;
  const errors = problems?.key === requestKey ? problems.value : {};
  const alert = errors[''] ?? (Object.keys(errors).length > 0 ? t('common.errorSummary') : null);

  const attempt = async (dryRun: boolean) => {
    // While busy the buttons keep the focus but do nothing (aria-disabled, not disabled).
    if (busy !== null) return;
    const key = requestKey;
    setNotice(null);
    setProblems(null);
    setBusy(dryRun ? 'count' : 'send');
    try {
      const result = await run(dryRun);
      setCounted(dryRun ? { key, value: result } : null);
      if (!dryRun) {
        setNotice(done(result));
        // Done, the confirm button is disabled until the next count: the focus goes to counting.
        checkButton.current?.focus();
      }
    } catch (error) {
      const value: FieldErrors = {};
      const general: string[] = [];
      for (const { path, message } of serverProblems(error)) {
        const field = path === null ? undefined : fieldOf(path);
        if (field) value[field] = message;
        else general.push(message);
      }
      if (general.length > 0) value[''] = general.join(' ');
      else if (Object.keys(value).length === 0) value[''] = t('common.unexpectedError');
      setProblems({ key, value });
    } finally {
      setBusy(null);
    }
  };

  const onCheck = (event: FormEvent) => {
    event.preventDefault();
    if (busy !== null) return;
    const invalid = validate();
    if (Object.keys(invalid).length > 0) {
      setNotice(null);
      setProblems({ key: requestKey, value: invalid });
      return;
    }
    void attempt(true);
  };

  return (
    <section className="card bulk-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p>{intro}</p>
      <form noValidate aria-labelledby={`${id}-title`} onSubmit={onCheck}>
        <div className="bulk-form__fields">{children(errors)}</div>
        {alert && (
          <p className="alert" role="alert">
            {alert}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button--secondary"
            aria-disabled={busy !== null || undefined}
            ref={checkButton}
          >
            {busy === 'count' ? t('bulk.checking') : t('bulk.check')}
          </button>
        </div>
        <div role="status" className="bulk-form__status">
          {current ? (
            <p className="notice">{preview(current)}</p>
          ) : (
            notice && <p className="notice notice--success">{notice}</p>
          )}
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={!current || countOf(current) === 0}
            aria-disabled={busy !== null || undefined}
            aria-describedby={current ? undefined : `${id}-hint`}
            onClick={() => void attempt(false)}
          >
            {busy === 'send' ? t('bulk.sending') : confirmLabel(current)}
          </button>
        </div>
        {!current && (
          <p className="field__hint" id={`${id}-hint`}>
            {t('bulk.countFirst')}
          </p>
        )}
      </form>
    </section>
  );
}
