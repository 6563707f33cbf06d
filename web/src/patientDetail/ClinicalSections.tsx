import { graphql } from '../__generated__';
import type {
  PatientDetailHistory_HistoryFragment,
  PatientDetailResponses_ResponseFragment,
} from '../__generated__/graphql';
import { useI18n } from '../i18n/I18nProvider';
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
      }
      displayEn: display(lang: EN)
      displayEs: display(lang: ES)
    }
  }
`);

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
                  language: t(response.language === 'ES' ? 'language.es' : 'language.en'),
                })}
              </p>
              <dl className="detail-list detail-list--answers">
                {response.answers.map((answer) => (
                  <div key={answer.linkId} className="detail-list__row">
                    <dt>{inLanguage(language, answer.item.textEn, answer.item.textEs)}</dt>
                    <dd>{inLanguage(language, answer.displayEn, answer.displayEs)}</dd>
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
