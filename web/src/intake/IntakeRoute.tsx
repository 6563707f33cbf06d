import { useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { graphql } from '../__generated__';
import { bearer, isUnauthenticated } from '../apollo/client';
import { useSessionObject } from '../auth/AuthProvider';
import { useDocumentTitle } from '../components/useRouteAnnouncement';
import { LANGUAGES, useI18n } from '../i18n/I18nProvider';
import { hasErrorCode } from '../lib/graphqlErrors';
import { IntakeForm } from './IntakeForm';
import { IntakeMessage } from './IntakeMessage';
import { openLink, type LinkOpening } from './openLink';
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
        minValue
        maxValue
        integerOnly
        maxLength
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
  link,
  renewToken,
}: {
  link: Extract<LinkOpening, { status: 'VALID' }>;
  renewToken: () => Promise<string | null>;
}) {
  // The link's token, not a staff session; nothing of the patient's is kept in the cache.
  const { data, error, loading, refetch } = useQuery(IntakeQuestionnaireQuery, {
    variables: { id: link.questionnaireId },
    context: bearer(link.token),
    fetchPolicy: 'no-cache',
    notifyOnNetworkStatusChange: true,
  });

  if (loading) return <Loading />;
  // NOT_FOUND: the link's patient was deleted, so the link no longer works either.
  if (error && (isUnauthenticated(error) || hasErrorCode(error, 'FORBIDDEN') || hasErrorCode(error, 'NOT_FOUND'))) {
    return <IntakeMessage tone="error" title="intake.expired.title" body="intake.expired.body" />;
  }
  if (error) return <LoadError retry={() => void refetch()} />;
  if (!data?.questionnaire) {
    return <IntakeMessage tone="error" title="intake.expired.title" body="intake.expired.body" />;
  }
  return (
    <IntakeForm
      token={link.token}
      patientId={link.patientId}
      questionnaire={data.questionnaire}
      organizationName={link.organizationName}
      renewToken={renewToken}
    />
  );
}

function Loading() {
  const { t } = useI18n();
  return (
    <div className="state state--loading" role="status" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {t('intake.loading')}
    </div>
  );
}

function LoadError({ retry }: { retry: () => void }) {
  const { t } = useI18n();
  return (
    <IntakeMessage tone="error" title="intake.loadError.title" body="intake.loadError.body">
      <button type="button" className="button" onClick={retry}>
        {t('common.retry')}
      </button>
    </IntakeMessage>
  );
}

/**
 * /intake/:token: the patient-facing questionnaire. The link (a short id, or an older link's
 * token) is opened first: a used, expired or invalid link says so before anything is filled in;
 * a valid one gives the token the questionnaire is read and answered with.
 */
export function IntakeRoute() {
  const { token: link = '' } = useParams();
  const session = useSessionObject();
  const [attempt, setAttempt] = useState(0);
  // Kept with the link and attempt it answers: a new link or a retry shows the spinner again.
  const key = `${attempt}:${link}`;
  const [answer, setAnswer] = useState<{ key: string; opening: LinkOpening } | null>(null);
  const opening = answer?.key === key ? answer.opening : null;

  useEffect(() => {
    let cancelled = false;
    void openLink(session, link).then((result) => {
      if (!cancelled) setAnswer({ key, opening: result });
    });
    return () => {
      cancelled = true;
    };
  }, [session, link, key]);

  const renewToken = useCallback(async () => {
    const again = await openLink(session, link);
    return again.status === 'VALID' ? again.token : null;
  }, [session, link]);

  return (
    <IntakeFrame>
      {opening === null ? (
        <Loading />
      ) : opening.status === 'VALID' ? (
        <IntakeLoader link={opening} renewToken={renewToken} />
      ) : opening.status === 'USED' ? (
        <IntakeMessage tone="error" title="intake.answered.title" body="intake.answered.body" />
      ) : opening.status === 'EXPIRED' ? (
        <IntakeMessage tone="error" title="intake.expired.title" body="intake.expired.body" />
      ) : opening.status === 'INVALID' ? (
        <IntakeMessage tone="error" title="intake.invalid.title" body="intake.invalid.body" />
      ) : (
        <LoadError retry={() => setAttempt((n) => n + 1)} />
      )}
    </IntakeFrame>
  );
}
