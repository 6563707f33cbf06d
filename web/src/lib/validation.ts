import { dateOfBirthProblem, isEmailAddress, pastDateProblem, type DateOfBirthProblem } from '@carebridge/domain';
import type { MessageKey } from '../i18n/en';

/**
 * Input rules more than one page checks in the browser (the servers' own rules, from
 * @carebridge/domain, so the user hears about a mistake at once; the server stays the authority).
 * Each answers a `validation.*` message.
 */
export function emailError(value: string): MessageKey | undefined {
  return isEmailAddress(value) ? undefined : 'validation.email';
}

const DATE_ERRORS: Record<DateOfBirthProblem, MessageKey> = {
  format: 'validation.date',
  future: 'validation.dateFuture',
  tooOld: 'validation.dateTooOld',
};

/** `today` is YYYY-MM-DD (the server's rule is in UTC). */
export function dateOfBirthError(value: string, today: string): MessageKey | undefined {
  if (value.trim() === '') return 'validation.required';
  const problem = dateOfBirthProblem(value, today);
  return problem && DATE_ERRORS[problem];
}

/** A date answer: a calendar date not after `latest`, with no lower bound. */
export function pastDateError(value: string, latest: string): MessageKey | undefined {
  const problem = pastDateProblem(value, latest);
  return problem && DATE_ERRORS[problem];
}
