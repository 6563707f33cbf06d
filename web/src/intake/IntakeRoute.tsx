import { useQuery } from '@apollo/client/react';
import { useMemo, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { graphql } from '../__generated__';
import { bearer, isUnauthenticated } from '../apollo/client';
import { useDocumentTitle } from '../components/useRouteAnnouncement';
import { LANGUAGES, useI18n } from '../i18n/I18nProvider';
import { hasErrorCode } from '../lib/graphqlErrors';
import { IntakeForm } from './IntakeForm';
import { IntakeMessage } from './IntakeMessage';
import { decodeIntakeToken } from './token';
import './intake.css';

/** Both languages at once, so switching language needs no request (and the form keeps its answers). */
export const IntakeQuestionnaireQuery = graphql(`
  query IntakeQuestionnaireQuery($id: ID!) {
    questionnaire(id: $id) {
      id
      titleEn: title(lang: EN)
      titleEs: title(lang: ES)
      items {
        linkId
        type
        required
        textEn: text(lang: EN)
        textEs: text(lang: ES)
        options {
          code
          labelEn: label(lang: EN)
          labelEs: label(lang: ES)
        }
      }
    }
  }
`);

/** The patient-facing frame: no staff header, the language switch first. */
function IntakeFrame({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  useDocumentTitle('title.intake');
  return (
    <div className="intake">
      <header className="intake__bar">
        <span className="intake__brand">{t('app.name')}</span>
        <div className="intake-lang" role="group" aria-label={t('language.label')}>
          {LANGUAGES.map((code) => (
            <button
              key={code}
              type="button"
              lang={code}
              className="intake-lang__button"
              aria-pressed={language === code}
              onClick={() => setLanguage(code)}
            >
              {t(`language.${code}`)}
            </button>
          ))}
        </div>
      </header>
      <main id="main" className="intake__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function IntakeLoader({
  token,
  patientId,
  questionnaireId,
}: {
  token: string;
  patientId: string;
  questionnaireId: string;
}) {
  const { t } = useI18n();
  // The link's token, not a staff session; nothing of the patient's is kept in the cache.
  const { data, error, loading, refetch } = useQuery(IntakeQuestionnaireQuery, {
    variables: { id: questionnaireId },
    context: bearer(token),
    fetchPolicy: 'no-cache',
    notifyOnNetworkStatusChange: true,
  });

  if (loading) {
    return (
      <div className="state state--loading" role="status" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        {t('intake.loading')}
      </div>
    );
  }
  // NOT_FOUND: the link's patient was deleted, so the link no longer works either.
  if (error && (isUnauthenticated(error) || hasErrorCode(error, 'FORBIDDEN') || hasErrorCode(error, 'NOT_FOUND'))) {
    return <IntakeMessage tone="error" title="intake.expired.title" body="intake.expired.body" />;
  }
  if (error) {
    return (
      <IntakeMessage tone="error" title="intake.loadError.title" body="intake.loadError.body">
        <button type="button" className="button" onClick={() => void refetch()}>
          {t('common.retry')}
        </button>
      </IntakeMessage>
    );
  }
  if (!data?.questionnaire) {
    return <IntakeMessage tone="error" title="intake.expired.title" body="intake.expired.body" />;
  }
  return <IntakeForm token={token} patientId={patientId} questionnaire={data.questionnaire} />;
}

/** /intake/:token: the patient-facing questionnaire, answered with the intake link's token. */
export function IntakeRoute() {
  const { token = '' } = useParams();
  const link = useMemo(() => decodeIntakeToken(token), [token]);
  return (
    <IntakeFrame>
      {link ? (
        <IntakeLoader token={token} patientId={link.patientId} questionnaireId={link.questionnaireId} />
      ) : (
        <IntakeMessage tone="error" title="intake.invalid.title" body="intake.invalid.body" />
      )}
    </IntakeFrame>
  );
}
