import { useT, type Translate } from '../i18n/I18nProvider';
import { en } from './messages';
import { QUESTION_PREFIX } from './draft';
import type { CanonicalField, Questionnaire } from './operations';

/** What a mapping can name: every canonical field and every question of the current questionnaires. */
export interface SourceCatalog {
  canonicalFields: readonly CanonicalField[];
  /** Undefined while the questionnaires load or when they cannot. */
  questionnaires: readonly Questionnaire[] | undefined;
  known: ReadonlySet<string>;
  /** The data category of each source, which decides the endpoint it usually goes to. */
  categoryOf: ReadonlyMap<string, string>;
}

export function sourceCatalog(
  canonicalFields: readonly CanonicalField[],
  questionnaires: readonly Questionnaire[] | undefined,
): SourceCatalog {
  const categoryOf = new Map<string, string>(canonicalFields.map((f) => [f.name, f.category]));
  for (const questionnaire of questionnaires ?? []) {
    for (const item of questionnaire.items) categoryOf.set(`${QUESTION_PREFIX}${item.linkId}`, item.category);
  }
  return { canonicalFields, questionnaires, known: new Set(categoryOf.keys()), categoryOf };
}

/**
 * A source by name, in the user's language: a canonical field's label (`ehr.field.<name>`), a
 * question's text with its link id; the raw source when neither is known (a field newer than
 * the app, or a question of a questionnaire that is not loaded).
 */
export function sourceLabel(t: Translate, catalog: Pick<SourceCatalog, 'questionnaires'>, source: string): string {
  const field = `ehr.field.${source}`;
  if (Object.hasOwn(en, field)) return t(field as keyof typeof en);
  if (source.startsWith(QUESTION_PREFIX)) {
    const linkId = source.slice(QUESTION_PREFIX.length);
    for (const questionnaire of catalog.questionnaires ?? []) {
      const item = questionnaire.items.find((i) => i.linkId === linkId);
      if (item) return t('ehr.source.question', { linkId, text: item.text });
    }
  }
  return source;
}

/** The source select's options: canonical fields, then one group of questions per questionnaire. */
export function SourceOptions({ catalog }: { catalog: SourceCatalog }) {
  const t = useT();
  return (
    <>
      <optgroup label={t('ehr.source.canonical')}>
        {catalog.canonicalFields.map((field) => (
          <option key={field.name} value={field.name}>
            {sourceLabel(t, catalog, field.name)}
          </option>
        ))}
      </optgroup>
      {catalog.questionnaires?.map((questionnaire) => (
        <optgroup key={questionnaire.id} label={t('ehr.source.questions', { title: questionnaire.title })}>
          {questionnaire.items.map((item) => (
            <option key={item.linkId} value={`${QUESTION_PREFIX}${item.linkId}`}>
              {t('ehr.source.question', { linkId: item.linkId, text: item.text })}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
