/** What the intake page needs from the link's token: whose questionnaire, and which one. */
export interface IntakeLink {
  patientId: string;
  questionnaireId: string;
}

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * Reads the payload of the intake link's JWT (`sub` = patient, `qid` = questionnaire) without
 * verifying it: the gateway verifies it on every request, this only tells the page what to load.
 * Null for anything that is not such a token (a link cut short, a typo).
 */
export function decodeIntakeToken(token: string): IntakeLink | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(base64UrlDecode(parts[1]));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const { sub, qid } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || sub === '' || typeof qid !== 'string' || qid === '') return null;
  return { patientId: sub, questionnaireId: qid };
}
