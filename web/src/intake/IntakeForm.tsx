import { useMutation } from '@apollo/client/react';
import { isErrorLike } from '@apollo/client/errors';
import { useId, useState, type FormEvent } from 'react';
import { graphql } from '../__generated__';
import type { IntakeQuestionnaireQueryQuery } from '../__generated__/graphql';
import { bearer, isUnauthenticated } from '../apollo/client';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/en';
import { plural } from '../i18n/plural';
import { inLanguage } from '../lib/format';
import { hasErrorCode, problemsOf } from '../lib/graphqlErrors';
import { isAnswered, serverErrors, toAnswers, validateDraft, type Draft, type Errors } from './answers';
import { IntakeMessage } from './IntakeMessage';
import { focusId, QuestionField, type Item } from './QuestionField';

/** Through an intake link only the response's own fields may be selected. */
export const IntakeSubmitMutation = graphql(`
  mutation IntakeSubmitMutation($input: QuestionnaireResponseInput!) {
    submitQuestionnaireResponse(input: $input) {
      id
      submittedAt
    }
  }
`);

type Questionnaire = NonNullable<IntakeQuestionnaireQueryQuery['questionnaire']>;
/** Why the answers were not sent, said above the form (which keeps them). */
type Failure = 'network' | 'expired' | 'general';
const FAILURE_TEXT: Record<Failure, MessageKey> = {
  network: 'intake.failure.network',
  expired: 'intake.failure.expired',
  general: 'intake.failure.general',
};

export function IntakeForm({
  token,
  patientId,
  questionnaire,
  organizationName,
  renewToken,
}: {
  token: string;
  patientId: string;
  questionnaire: Questionnaire;
  /** The clinic that sent the link, when the gateway knows it. */
  organizationName: string | null;
  /** A fresh token for the link, when this one has expired while the patient was answering. */
  renewToken: () => Promise<string | null>;
}) {
  const { t, language } = useI18n();
  const formId = useId();
  const items = questionnaire.items;
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<Errors>({});
  /** The errors as of the last submit: the summary stays put while the answers are corrected. */
  const [summary, setSummary] = useState<Errors>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [outcome, setOutcome] = useState<'sent' | 'alreadyAnswered' | null>(null);
  const [submit, { loading }] = useMutation(IntakeSubmitMutation, { context: bearer(token), fetchPolicy: 'no-cache' });

  const base = (index: number) => `${formId}-q${index}`;
  const answered = items.filter((item) => isAnswered(draft[item.linkId])).length;
  const invalid = items.flatMap((item, index) => {
    const key = summary[item.linkId];
    return key ? [{ item, index, message: t(key) }] : [];
  });

  const focusFirstError = (found: Errors) => {
    const index = items.findIndex((item) => found[item.linkId]);
    if (index >= 0) document.getElementById(focusId(base(index), items[index]!))?.focus();
  };

  const change = (item: Item) => (value: Draft[string]) => {
    setDraft((d) => ({ ...d, [item.linkId]: value }));
    // A corrected answer loses its error at once; new errors wait for the next submit.
    setErrors(({ [item.linkId]: _fixed, ...rest }) => rest);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found = validateDraft(items, draft);
    setErrors(found);
    setSummary(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    const answers = toAnswers(items, draft);
    const input = {
      patientId,
      questionnaireId: questionnaire.id,
      language: language === 'es' ? ('ES' as const) : ('EN' as const),
      answers,
    };
    const send = (credential: string) => submit({ variables: { input }, context: bearer(credential) });
    try {
      try {
        await send(token);
      } catch (caught) {
        // The link's token lives an hour; a patient who took longer gets a new one and sends once more.
        const renewed = isErrorLike(caught) && isUnauthenticated(caught) ? await renewToken() : null;
        if (!renewed) throw caught;
        await send(renewed);
      }
      setOutcome('sent');
    } catch (caught) {
      const error = isErrorLike(caught) ? caught : undefined;
      if (hasErrorCode(error, 'FORBIDDEN')) {
        setOutcome('alreadyAnswered');
      } else if (error && (isUnauthenticated(error) || hasErrorCode(error, 'NOT_FOUND'))) {
        // NOT_FOUND: the link's patient was deleted meanwhile; the link is as good as expired.
        setFailure('expired');
      } else if (hasErrorCode(error, 'BAD_USER_INPUT')) {
        const server = serverErrors(problemsOf(error), answers);
        setErrors(server.errors);
        setSummary(server.errors);
        if (server.general) setFailure('general');
        focusFirstError(server.errors);
      } else {
        setFailure('network');
      }
    }
  };

  if (outcome === 'sent') return <IntakeMessage tone="success" title="intake.done.title" body="intake.done.body" />;
  if (outcome === 'alreadyAnswered') {
    return <IntakeMessage tone="error" title="intake.answered.title" body="intake.answered.body" />;
  }

  const progressId = `${formId}-progress`;
  const title = inLanguage(language, questionnaire.titleEn, questionnaire.titleEs);
  return (
    <form className="intake-form" noValidate aria-labelledby={`${formId}-title`} onSubmit={(e) => void onSubmit(e)}>
      {organizationName && <p className="intake-form__clinic">{t('intake.clinic', { clinic: organizationName })}</p>}
      <h1 id={`${formId}-title`}>{title}</h1>
      <p className="intake-form__intro">{t('intake.intro')}</p>

      <div className="intake-progress">
        <p id={progressId}>{t('intake.progress', { answered, total: items.length })}</p>
        <progress value={answered} max={items.length} aria-labelledby={progressId} />
      </div>

      {failure && (
        <div className="alert intake-form__failure" role="alert">
          <p>{t(FAILURE_TEXT[failure])}</p>
          {failure === 'network' && (
            <button type="submit" className="button button--secondary" disabled={loading}>
              {t('common.retry')}
            </button>
          )}
        </div>
      )}
      {invalid.length > 0 && (
        <div className="error-summary" role="alert">
          <h2>{plural(t, 'intake.summary', invalid.length)}</h2>
          <ul>
            {invalid.map(({ item, index, message }) => {
              const target = focusId(base(index), item);
              return (
                <li key={item.linkId}>
                  <a
                    href={`#${target}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(target)?.focus();
                    }}
                  >
                    {inLanguage(language, item.textEn, item.textEs)}
                  </a>{' '}
                  <span className="error-summary__message">{message}</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {items.map((item, index) => (
        <QuestionField
          key={item.linkId}
          item={item}
          base={base(index)}
          value={draft[item.linkId]}
          error={errors[item.linkId] && t(errors[item.linkId]!)}
          onChange={change(item)}
        />
      ))}

      <div className="intake-form__actions">
        <button type="submit" className="button intake-form__submit" disabled={loading}>
          {loading ? t('intake.submitting') : t('intake.submit')}
        </button>
      </div>
    </form>
  );
}
