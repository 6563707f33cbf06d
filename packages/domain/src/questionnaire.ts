/**
 * The clinical subgraph's answer rules that the intake page checks first, and the codes the EHR
 * mapping relies on.
 */

/**
 * The code of a "none of these" option. It means the absence of the others, so an answer never
 * combines it with them, and an EHR list field expresses it by being empty.
 */
export const NONE_CODE = 'NONE';

/** The longest free-text answer, in characters once trimmed. */
export const MAX_ANSWER_TEXT_LENGTH = 2000;

/** Whether a multiple-choice answer wrongly combines `NONE_CODE` with other codes. */
export function combinesNone(codes: readonly string[]): boolean {
  return codes.includes(NONE_CODE) && codes.length > 1;
}
