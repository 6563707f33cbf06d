import { MAX_ANSWER_TEXT_LENGTH } from '@carebridge/domain';
import type { ChangeEvent } from 'react';
import type { IntakeQuestionnaireQueryQuery } from '../__generated__/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { inLanguage } from '../lib/format';
import { toggleChoice, type Draft } from './answers';
import { numberHint } from './numberHint';

export type Item = NonNullable<IntakeQuestionnaireQueryQuery['questionnaire']>['items'][number];

/** The id of the element that takes focus for a question: its input, or its first option. */
export function focusId(base: string, item: Item): string {
  return item.type === 'TEXT' || item.type === 'NUMBER' || item.type === 'DATE' ? `${base}-input` : `${base}-0`;
}

interface Props {
  item: Item;
  /** Unique per question; the ids of its elements start with it. */
  base: string;
  value: Draft[string] | undefined;
  error: string | undefined;
  onChange: (value: Draft[string]) => void;
}

/**
 * One question with the control its type asks for. Choices (BOOLEAN, SINGLE_CHOICE,
 * MULTIPLE_CHOICE) are a fieldset whose legend is the question; the others a labelled field. The
 * error is tied to the controls with `aria-describedby` and `aria-invalid`.
 */
export function QuestionField({ item, base, value, error, onChange }: Props) {
  const { t, language } = useI18n();
  const text = inLanguage(language, item.textEn, item.textEs);
  const errorId = `${base}-error`;
  const describedBy = error ? errorId : undefined;
  const invalid = error ? true : undefined;
  const title = (
    <>
      <span className="question__text">{text}</span>
      {item.required && (
        <>
          {' '}
          <span className="question__required">{t('intake.required')}</span>
        </>
      )}
    </>
  );
  const errorText = error && (
    <p className="field__error" id={errorId}>
      <span className="visually-hidden">{t('intake.error.prefix')}</span> {error}
    </p>
  );
  const className = error ? 'question question--invalid' : 'question';

  if (item.type === 'BOOLEAN' || item.type === 'SINGLE_CHOICE' || item.type === 'MULTIPLE_CHOICE') {
    const multiple = item.type === 'MULTIPLE_CHOICE';
    const choices =
      item.type === 'BOOLEAN'
        ? [
            { code: 'true', label: t('intake.yes') },
            { code: 'false', label: t('intake.no') },
          ]
        : item.options.map((o) => ({ code: o.code, label: inLanguage(language, o.labelEn, o.labelEs) }));
    const chosen: readonly string[] = typeof value === 'string' ? [value] : (value ?? []);
    const toggle = (code: string) => (event: ChangeEvent<HTMLInputElement>) => {
      if (!multiple) onChange(code);
      else onChange(toggleChoice(chosen, code, event.target.checked));
    };
    return (
      <fieldset className={className} aria-describedby={describedBy}>
        <legend>{title}</legend>
        {multiple && <p className="field__hint">{t('intake.chooseAny')}</p>}
        {errorText}
        <div className={item.type === 'BOOLEAN' ? 'question__choices question__choices--inline' : 'question__choices'}>
          {choices.map((choice, i) => (
            <label key={choice.code} className="question__choice" htmlFor={`${base}-${i}`}>
              <input
                id={`${base}-${i}`}
                type={multiple ? 'checkbox' : 'radio'}
                name={base}
                value={choice.code}
                checked={chosen.includes(choice.code)}
                required={!multiple && item.required}
                aria-invalid={invalid}
                onChange={toggle(choice.code)}
              />
              <span>{choice.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  const inputId = `${base}-input`;
  const hintId = `${base}-hint`;
  const counterId = `${base}-counter`;
  const hint = item.type === 'NUMBER' ? numberHint(t, language, item) : null;
  const typed = typeof value === 'string' ? value : '';
  const maxLength = item.maxLength ?? MAX_ANSWER_TEXT_LENGTH;
  const common = {
    id: inputId,
    required: item.required,
    value: typed,
    'aria-invalid': invalid,
    'aria-describedby':
      [hint ? hintId : null, item.type === 'TEXT' ? counterId : null, describedBy].filter(Boolean).join(' ') ||
      undefined,
  };
  return (
    <div className={`field ${className}`}>
      <label htmlFor={inputId}>{title}</label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {errorText}
      {item.type === 'TEXT' ? (
        <>
          <textarea {...common} rows={4} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} />
          <CharacterCounter id={counterId} count={typed.length} max={maxLength} />
        </>
      ) : item.type === 'NUMBER' ? (
        // Text, not type="number": the browser's number field follows the device's locale, not the
        // page's, and drops what it cannot read; here "1,5" is kept as typed and checked (answers.ts).
        <input
          {...common}
          type="text"
          inputMode={item.integerOnly && (item.minValue ?? -1) >= 0 ? 'numeric' : 'decimal'}
          autoComplete="off"
          className="question__number"
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input {...common} type="date" className="question__date" onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  );
}

/**
 * How many characters are left, tied to the field. The field itself stops at the limit (its
 * maxLength), and once there the counter says so, politely announced, rather than cutting silently.
 */
function CharacterCounter({ id, count, max }: { id: string; count: number; max: number }) {
  const { t } = useI18n();
  const full = count >= max;
  return (
    <p
      id={id}
      className={full ? 'field__counter field__counter--full' : 'field__counter'}
      aria-live={full ? 'polite' : 'off'}
    >
      {full ? t('intake.counter.full', { max }) : t('intake.counter', { count, max })}
    </p>
  );
}
