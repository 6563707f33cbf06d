import { useQuery } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { graphql } from '../__generated__';
import { useAuth } from '../auth/AuthProvider';
import type { IntakeLinkResult } from '../auth/session';
import { useI18n } from '../i18n/I18nProvider';
import { inLanguage, useFormatters } from '../lib/format';

/** Its own request: `questionnaires` is a non-null root field, so its failure must not take the page. */
export const PatientDetailQuestionnairesQuery = graphql(`
  query PatientDetailQuestionnairesQuery {
    questionnaires {
      id
      name
      version
      status
      titleEn: title(lang: EN)
      titleEs: title(lang: ES)
    }
  }
`);

type Copied = 'copied' | 'failed' | null;

/** Creates a link the patient opens to answer a questionnaire, shown as a URL to copy. */
export function IntakeLinkPanel({ patientId }: { patientId: string }) {
  const { t, language } = useI18n();
  const format = useFormatters();
  const { session } = useAuth();
  const selectId = useId();
  const urlId = useId();
  const urlInput = useRef<HTMLInputElement>(null);
  const { data, error, loading, refetch } = useQuery(PatientDetailQuestionnairesQuery, {
    notifyOnNetworkStatusChange: true,
  });
  const [chosen, setChosen] = useState('');
  const [creating, setCreating] = useState(false);
  const [result, setResult] = useState<IntakeLinkResult | null>(null);
  const [copied, setCopied] = useState<Copied>(null);

  const questionnaires = data?.questionnaires ?? [];
  const questionnaireId = chosen || (questionnaires.find((q) => q.status === 'ACTIVE') ?? questionnaires[0])?.id || '';

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    if (!questionnaireId) return;
    setCreating(true);
    setResult(null);
    setCopied(null);
    setResult(await session.createIntakeLink(patientId, questionnaireId));
    setCreating(false);
  };

  const onCopy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      // No clipboard access (permissions, an old browser): select the text for a manual copy.
      urlInput.current?.select();
      setCopied('failed');
    }
  };

  const failure: Record<Exclude<IntakeLinkResult, { ok: true }>['reason'], string> = {
    notFound: t('patientDetail.link.notFound'),
    badInput: t('patientDetail.link.badInput'),
    unauthenticated: t('patientDetail.link.unauthenticated'),
    error: t('common.unexpectedError'),
  };

  return (
    <section className="card patient-detail__section" aria-labelledby="patient-intake-link">
      <h2 id="patient-intake-link">{t('patientDetail.link.title')}</h2>
      <p className="patient-detail__intro">{t('patientDetail.link.intro')}</p>
      {error && !data ? (
        <div className="alert intake-link__error" role="alert">
          <span>{t('patientDetail.link.questionnairesFailed')}</span>{' '}
          <button type="button" className="button button--secondary" onClick={() => void refetch()}>
            {t('common.retry')}
          </button>
        </div>
      ) : !data && loading ? (
        <p role="status" className="patient-detail__empty">
          {t('common.loading')}
        </p>
      ) : questionnaires.length === 0 ? (
        <p className="patient-detail__empty">{t('patientDetail.link.noQuestionnaires')}</p>
      ) : (
        <form className="intake-link__form" onSubmit={(e) => void onCreate(e)}>
          <div className="field">
            <label htmlFor={selectId}>{t('patientDetail.link.questionnaire')}</label>
            <select id={selectId} value={questionnaireId} onChange={(e) => setChosen(e.target.value)}>
              {questionnaires.map((q) => (
                <option key={q.id} value={q.id}>
                  {t('patientDetail.link.option', {
                    title: inLanguage(language, q.titleEn, q.titleEs),
                    version: q.version,
                  })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={creating}>
            {creating ? t('patientDetail.link.creating') : t('patientDetail.link.create')}
          </button>
        </form>
      )}

      {result && !result.ok && (
        <p className="alert" role="alert">
          {failure[result.reason]}
        </p>
      )}
      <div role="status" className="patient-detail__status">
        {result?.ok && <p className="notice notice--success">{t('patientDetail.link.created')}</p>}
      </div>
      {result?.ok && (
        <div className="intake-link__result">
          <div className="field">
            <label htmlFor={urlId}>{t('patientDetail.link.url')}</label>
            <div className="intake-link__copy">
              <input
                id={urlId}
                ref={urlInput}
                type="url"
                readOnly
                value={result.url}
                aria-describedby={`${urlId}-expiry`}
                onFocus={(e) => e.target.select()}
              />
              <button type="button" className="button button--secondary" onClick={() => void onCopy(result.url)}>
                {t('patientDetail.link.copy')}
              </button>
            </div>
            <p className="field__hint" id={`${urlId}-expiry`}>
              {t('patientDetail.link.expires')}{' '}
              <time dateTime={result.expiresAt}>{format.dateTime(result.expiresAt)}</time>
              {' · '}
              {t('patientDetail.link.short')}
            </p>
          </div>
          <p role="status" className="patient-detail__status">
            {copied === 'copied' && t('patientDetail.link.copied')}
            {copied === 'failed' && t('patientDetail.link.copyFailed')}
          </p>
        </div>
      )}
    </section>
  );
}
