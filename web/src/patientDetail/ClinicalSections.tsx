import { graphql } from '../__generated__';
import type {
  PatientDetailHistory_HistoryFragment,
  PatientDetailResponses_ResponseFragment,
} from '../__generated__/graphql';
import { useI18n, type Language } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/en';
import { inLanguage, useFormatters } from '../lib/format';

export const PatientDetailHistory_history = graphql(`
  fragment PatientDetailHistory_history on ClinicalHistory {
    symptoms
    allergies
    medications
    medicalHistory
    socialHistory
    familyHistory
  }
`);

export const PatientDetailResponses_response = graphql(`
  fragment PatientDetailResponses_response on QuestionnaireResponse {
    id
    language
    submittedAt
    submittedBy
    questionnaire {
      id
      version
      titleEn: title(lang: EN)
      titleEs: title(lang: ES)
    }
    answers {
      linkId
      item {
        linkId
        textEn: text(lang: EN)
        textEs: text(lang: ES)
        labelEn: label(lang: EN)
        labelEs: label(lang: ES)
      }
      valueNumber
      valueDate
      displayEn: display(lang: EN)
      displayEs: display(lang: ES)
    }
  }
`);

type Answer = PatientDetailResponses_ResponseFragment['answers'][number];

/** The question as staff name it: its short label where it has one, else the patient's question. */
function questionName(language: Language, item: Answer['item']): string {
  const label = language === 'es' ? item.labelEs : item.labelEn;
  return label ?? inLanguage(language, item.textEn, item.textEs);
}

/** The answer as staff read it: dates and numbers written as the page's language writes them. */
function answerText(language: Language, answer: Answer, format: ReturnType<typeof useFormatters>): string {
  if (answer.valueDate) return format.date(answer.valueDate);
  if (typeof answer.valueNumber === 'number') return new Intl.NumberFormat(language).format(answer.valueNumber);
  return inLanguage(language, answer.displayEn, answer.displayEs);
}

type Category = Exclude<keyof PatientDetailHistory_HistoryFragment, '__typename'>;
const CATEGORIES: readonly Category[] = [
  'symptoms',
  'allergies',
  'medications',
  'medicalHistory',
  'socialHistory',
  'familyHistory',
];

/** A section whose data did not come (its subgraph is down): said in place, the rest of the page stands. */
export function Unavailable({ message }: { message: MessageKey }) {
  const { t } = useI18n();
  return <p className="notice">{t(message)}</p>;
}

export function ClinicalHistorySection({
  en,
  es,
}: {
  en: PatientDetailHistory_HistoryFragment | null | undefined;
  es: PatientDetailHistory_HistoryFragment | null | undefined;
}) {
  const { t, language } = useI18n();
  const history = language === 'es' ? es : en;
  return (
    <section className="card patient-detail__section" aria-labelledby="patient-history">
      <h2 id="patient-history">{t('patientDetail.history.title')}</h2>
      {!history ? (
        <Unavailable message="patientDetail.history.unavailable" />
      ) : CATEGORIES.every((c) => history[c].length === 0) ? (
        <p className="patient-detail__empty">{t('patientDetail.history.empty')}</p>
      ) : (
        <div className="history-grid">
          {CATEGORIES.map((category) => (
            <div key={category}>
              <h3>{t(`patientDetail.history.${category}`)}</h3>
              {history[category].length === 0 ? (
                <p className="patient-detail__empty">{t('patientDetail.none.recorded')}</p>
              ) : (
                <ul>
                  {history[category].map((entry, i) => (
                    <li key={i}>{entry}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

export function ResponsesSection({
  responses,
}: {
  responses: readonly PatientDetailResponses_ResponseFragment[] | null | undefined;
}) {
  const { t, language } = useI18n();
  const format = useFormatters();
  return (
    <section className="card patient-detail__section" aria-labelledby="patient-responses">
      <h2 id="patient-responses">{t('patientDetail.responses.title')}</h2>
      {!responses ? (
        <Unavailable message="patientDetail.responses.unavailable" />
      ) : responses.length === 0 ? (
        <p className="patient-detail__empty">{t('patientDetail.responses.empty')}</p>
      ) : (
        responses.map((response) => {
          const title = inLanguage(language, response.questionnaire.titleEn, response.questionnaire.titleEs);
          const submitted = <time dateTime={response.submittedAt}>{format.dateTime(response.submittedAt)}</time>;
          return (
            <article key={response.id} className="response" aria-labelledby={`response-${response.id}`}>
              <h3 id={`response-${response.id}`}>
                {t('patientDetail.responses.heading', { title, version: response.questionnaire.version })}
              </h3>
              <p className="response__meta">
                {t(
                  response.submittedBy === 'patient'
                    ? 'patientDetail.responses.byPatient'
                    : 'patientDetail.responses.byStaff',
                )}{' '}
                {submitted} ·{' '}
                {t('patientDetail.responses.language', {
                  // The language's name in the page's language ("inglés"), not in its own as the switch shows it.
                  language: t(
                    response.language === 'ES'
                      ? 'patientDetail.responseLanguage.ES'
                      : 'patientDetail.responseLanguage.EN',
                  ),
                })}
              </p>
              <dl className="detail-list detail-list--answers">
                {response.answers.map((answer) => (
                  <div key={answer.linkId} className="detail-list__row">
                    <dt>{questionName(language, answer.item)}</dt>
                    <dd>{answerText(language, answer, format)}</dd>
                  </div>
                ))}
              </dl>
            </article>
          );
        })
      )}
    </section>
  );
}
