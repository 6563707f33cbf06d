/** Messages of the patient-facing questionnaire, merged into the catalogues in `i18n/en.ts` and `i18n/es.ts`. */
export const en = {
  'intake.loading': 'Loading your questionnaire…',
  'intake.invalid.title': 'This link does not work',
  'intake.invalid.body':
    'The link is incomplete or mistyped. Open it again from your message, or ask your clinic for a new one.',
  'intake.expired.title': 'This link has expired',
  'intake.expired.body': 'Questionnaire links work for 72 hours. Ask your clinic to send you a new one.',
  'intake.loadError.title': 'The questionnaire could not be loaded',
  'intake.loadError.body': 'Check your internet connection and try again.',
  'intake.intro':
    'Your care team asks you to answer these questions before your visit. Questions marked (required) must be answered.',
  'intake.required': '(required)',
  'intake.progress': '{answered} of {total} answered',
  'intake.yes': 'Yes',
  'intake.no': 'No',
  'intake.chooseAny': 'Choose all that apply.',
  'intake.hint.number': 'A number, for example 70 or 1.5.',
  'intake.error.prefix': 'Error:',
  'intake.error.required': 'Please answer this question.',
  'intake.error.number': 'Enter a number, for example 70 or 1.5.',
  'intake.error.textLength': 'Use at most 2000 characters.',
  'intake.error.none': '“None” cannot be chosen together with other answers.',
  'intake.error.rejected': 'This answer was not accepted. Please check it.',
  'intake.summary': '{count} answers need your attention',
  'intake.summary.one': '1 answer needs your attention',
  'intake.submit': 'Send answers',
  'intake.submitting': 'Sending…',
  'intake.failure.network':
    'Your answers could not be sent. Check your internet connection and try again: your answers are kept.',
  'intake.failure.expired': 'This link has expired, so your answers cannot be sent. Ask your clinic for a new link.',
  'intake.failure.general':
    'This questionnaire has changed since the link was sent, so your answers cannot be sent. Ask your clinic for a new link.',
  'intake.done.title': 'Thank you',
  'intake.done.body': 'Your answers were sent to your care team. You can close this page.',
  'intake.answered.title': 'You have already answered this questionnaire',
  'intake.answered.body': 'This link can be used only once. To change an answer, contact your clinic.',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'intake.loading': 'Cargando su cuestionario…',
  'intake.invalid.title': 'Este enlace no funciona',
  'intake.invalid.body':
    'El enlace está incompleto o mal escrito. Ábralo de nuevo desde su mensaje o pida uno nuevo a su clínica.',
  'intake.expired.title': 'Este enlace ha caducado',
  'intake.expired.body':
    'Los enlaces de cuestionario sirven durante 72 horas. Pida a su clínica que le envíe uno nuevo.',
  'intake.loadError.title': 'No se pudo cargar el cuestionario',
  'intake.loadError.body': 'Compruebe su conexión a internet e inténtelo de nuevo.',
  'intake.intro':
    'Su equipo de atención le pide que responda estas preguntas antes de su visita. Las preguntas marcadas (obligatoria) deben responderse.',
  'intake.required': '(obligatoria)',
  'intake.progress': '{answered} de {total} respondidas',
  'intake.yes': 'Sí',
  'intake.no': 'No',
  'intake.chooseAny': 'Elija todas las que correspondan.',
  'intake.hint.number': 'Un número, por ejemplo 70 o 1.5.',
  'intake.error.prefix': 'Error:',
  'intake.error.required': 'Responda esta pregunta.',
  'intake.error.number': 'Escriba un número, por ejemplo 70 o 1.5.',
  'intake.error.textLength': 'Use como máximo 2000 caracteres.',
  'intake.error.none': '«Ninguno» no se puede elegir junto con otras respuestas.',
  'intake.error.rejected': 'Esta respuesta no se aceptó. Revísela.',
  'intake.summary': '{count} respuestas necesitan su atención',
  'intake.summary.one': '1 respuesta necesita su atención',
  'intake.submit': 'Enviar respuestas',
  'intake.submitting': 'Enviando…',
  'intake.failure.network':
    'No se pudieron enviar sus respuestas. Compruebe su conexión a internet e inténtelo de nuevo: sus respuestas se conservan.',
  'intake.failure.expired':
    'Este enlace ha caducado, así que sus respuestas no se pueden enviar. Pida un enlace nuevo a su clínica.',
  'intake.failure.general':
    'Este cuestionario ha cambiado desde que se envió el enlace, así que sus respuestas no se pueden enviar. Pida un enlace nuevo a su clínica.',
  'intake.done.title': 'Gracias',
  'intake.done.body': 'Sus respuestas se enviaron a su equipo de atención. Ya puede cerrar esta página.',
  'intake.answered.title': 'Ya ha respondido este cuestionario',
  'intake.answered.body':
    'Este enlace solo se puede usar una vez. Para cambiar una respuesta, contacte con su clínica.',
};
