/** /intake/:token: the patient-facing questionnaire, answered with the intake link's token. */
export function IntakeRoute() {
  return null;
}
