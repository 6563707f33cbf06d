import { useT } from '../i18n/I18nProvider';
import { QUESTION_PREFIX, type DraftRow } from './draft';
import type { CanonicalField, Questionnaire } from './operations';
import { sourceLabel, type SourceCatalog } from './sources';
import { ErrorState } from '../components/States';

interface Coverage {
  fields: readonly CanonicalField[];
  questions: { questionnaire: Questionnaire; items: Questionnaire['items'] }[];
}

/**
 * The draft's coverage, by the server's rule (`Questionnaire.unmappedItems`): a question is
 * covered when mapped itself or when the canonical field of its category is mapped.
 */
function draftCoverage(catalog: SourceCatalog, rows: readonly DraftRow[]): Coverage {
  const sources = new Set(rows.map((row) => row.source));
  const mapped = catalog.canonicalFields.filter((f) => sources.has(f.name));
  const coveredCategories = new Set<string>(mapped.map((f) => f.category));
  return {
    fields: catalog.canonicalFields.filter((f) => !sources.has(f.name)),
    questions: (catalog.questionnaires ?? []).map((questionnaire) => ({
      questionnaire,
      items: questionnaire.items.filter(
        (item) => !sources.has(`${QUESTION_PREFIX}${item.linkId}`) && !coveredCategories.has(item.category),
      ),
    })),
  };
}

/** The published mapping's coverage, as the server reports it. */
function publishedCoverage(catalog: SourceCatalog, unmappedFields: readonly { name: string }[]): Coverage {
  const unmapped = new Set(unmappedFields.map((f) => f.name));
  return {
    fields: catalog.canonicalFields.filter((f) => unmapped.has(f.name)),
    questions: (catalog.questionnaires ?? []).map((questionnaire) => ({
      questionnaire,
      items: questionnaire.items.filter((item) => questionnaire.unmappedItems.includes(item.linkId)),
    })),
  };
}

/** Canonical fields and questions the mapping leaves out, each with a shortcut that adds a row. */
export function CoveragePanel({
  idPrefix,
  catalog,
  questionsState,
  dirty,
  rows,
  version,
  unmappedFields,
  onMap,
}: {
  idPrefix: string;
  catalog: SourceCatalog;
  questionsState: { failed: boolean; retry: () => void };
  dirty: boolean;
  rows: readonly DraftRow[];
  version: number;
  unmappedFields: readonly { name: string }[];
  onMap: (source: string) => void;
}) {
  const t = useT();
  const coverage = dirty ? draftCoverage(catalog, rows) : publishedCoverage(catalog, unmappedFields);
  const questions = coverage.questions.filter((q) => q.items.length > 0);

  return (
    <section className="card ehr-panel" aria-labelledby={`${idPrefix}-coverage`}>
      <h2 id={`${idPrefix}-coverage`}>{t('ehr.coverage.title')}</h2>
      <p className="ehr-muted">{dirty ? t('ehr.coverage.fromDraft') : t('ehr.coverage.fromServer', { version })}</p>

      <h3>{t('ehr.coverage.fields', { count: coverage.fields.length })}</h3>
      {coverage.fields.length === 0 ? (
        <p>{t('ehr.coverage.fieldsDone')}</p>
      ) : (
        <ul className="ehr-coverage">
          {coverage.fields.map((field) => (
            <li key={field.name}>
              <span>
                {sourceLabel(t, catalog, field.name)} <code>{field.name}</code>
              </span>
              <button
                type="button"
                className="button button--secondary"
                aria-label={t('ehr.coverage.mapField', { name: sourceLabel(t, catalog, field.name) })}
                onClick={() => onMap(field.name)}
              >
                {t('ehr.coverage.map')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('ehr.coverage.questions')}</h3>
      {questionsState.failed ? (
        <ErrorState message={t('ehr.coverage.questionsError')} onRetry={questionsState.retry} />
      ) : !catalog.questionnaires ? (
        <p className="ehr-muted" role="status">
          {t('common.loading')}
        </p>
      ) : questions.length === 0 ? (
        <p>{t('ehr.coverage.questionsDone')}</p>
      ) : (
        questions.map(({ questionnaire, items }) => (
          <div key={questionnaire.id}>
            <h4>{questionnaire.title}</h4>
            <ul className="ehr-coverage">
              {items.map((item) => (
                <li key={item.linkId}>
                  <span>
                    {item.text} <code>{item.linkId}</code>
                  </span>
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={t('ehr.coverage.mapQuestion', { linkId: item.linkId })}
                    onClick={() => onMap(`${QUESTION_PREFIX}${item.linkId}`)}
                  >
                    {t('ehr.coverage.map')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
