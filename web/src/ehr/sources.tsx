import { useT } from '../i18n/I18nProvider';
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

/** The source select's options: canonical fields, then one group of questions per questionnaire. */
export function SourceOptions({ catalog }: { catalog: SourceCatalog }) {
  const t = useT();
  return (
    <>
      <optgroup label={t('ehr.source.canonical')}>
        {catalog.canonicalFields.map((field) => (
          <option key={field.name} value={field.name}>
            {field.name}
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
