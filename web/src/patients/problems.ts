import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/I18nProvider';
import { problemsOf } from '../lib/graphqlErrors';

/** The catalogue key of each problem code the patient subgraph gives a field problem (`extensions.problems[].code`). */
const PROBLEM_MESSAGES: Readonly<Record<string, MessageKey>> = {
  MRN_TAKEN: 'patients.problem.MRN_TAKEN',
};

/**
 * The server's field problems of `error` by field path (the first of each), worded in the UI
 * language from their code. The server's English reason is never shown: a problem without a code
 * known here (the browser checks the same rules first, so that is rare) gets a general message.
 */
export function translatedProblems(error: unknown, t: Translate): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const problem of problemsOf(error)) {
    const code: unknown = (problem as { code?: unknown }).code;
    const key = typeof code === 'string' ? PROBLEM_MESSAGES[code] : undefined;
    fields[problem.field] ??= t(key ?? 'patients.problem.refused');
  }
  return fields;
}
