import { SEED_QUESTIONNAIRE_ID } from '@carebridge/common';
import { NONE_CODE } from '@carebridge/domain';
import type {
  AnswerOptionInput,
  CodingInput,
  LocalizedTextInput,
  QuestionnaireInput,
} from '../__generated__/schema-types';
import { ANSWER_OPTION_SYSTEM, RXNORM, SNOMED_CT } from './codings';

/**
 * The seeded pre-visit intake questionnaire (`SEED_QUESTIONNAIRE_ID`, version 1), written as the
 * same input `createQuestionnaire` takes so it goes through the same validation.
 *
 * Every option but NONE has a coding (`codings.ts`): SNOMED CT for findings, disorders and
 * substances, RxNorm ingredients for medicines, the platform's code system where no standard code
 * fits the option as worded.
 *
 * Option labels of social-history questions describe the habit on their own ("Never used
 * tobacco", not "Never") because the clinical history lists labels without their question.
 */

export { SEED_QUESTIONNAIRE_ID };

const t = (en: string, es: string): LocalizedTextInput => ({ en, es });
const sct = (code: string): CodingInput => ({ system: SNOMED_CT, code });
const rxnorm = (code: string): CodingInput => ({ system: RXNORM, code });
/** Without a standard code, an option's coding is its code in the platform's code system. */
const option = (code: string, en: string, es: string, coding?: CodingInput): AnswerOptionInput => ({
  code,
  label: t(en, es),
  coding: coding ?? { system: ANSWER_OPTION_SYSTEM, code },
});
/** "None of these" states an absence; no code system has one code for it, so it has no coding. */
const none = (en: string, es: string): AnswerOptionInput => ({ code: NONE_CODE, label: t(en, es) });

export const SEED_QUESTIONNAIRE: QuestionnaireInput = {
  name: 'pre-visit-intake',
  title: t('Pre-visit questionnaire', 'Cuestionario previo a la consulta'),
  items: [
    {
      linkId: 'symptoms.current',
      category: 'SYMPTOMS',
      type: 'MULTIPLE_CHOICE',
      required: true,
      text: t('Which of these symptoms do you have now?', '¿Cuáles de estos síntomas tiene ahora?'),
      options: [
        option('HEADACHE', 'Headache', 'Dolor de cabeza', sct('25064002')),
        option('FEVER', 'Fever', 'Fiebre', sct('386661006')),
        option('COUGH', 'Cough', 'Tos', sct('49727002')),
        option('SHORTNESS_OF_BREATH', 'Shortness of breath', 'Falta de aire', sct('267036007')),
        option('CHEST_PAIN', 'Chest pain', 'Dolor en el pecho', sct('29857009')),
        option('ABDOMINAL_PAIN', 'Abdominal pain', 'Dolor abdominal', sct('21522001')),
        option('FATIGUE', 'Tiredness', 'Cansancio', sct('84229001')),
        none('None of these', 'Ninguno de estos'),
      ],
    },
    {
      linkId: 'symptoms.other',
      category: 'SYMPTOMS',
      type: 'TEXT',
      text: t('Any other symptoms? Please describe them.', '¿Tiene algún otro síntoma? Descríbalo, por favor.'),
    },
    {
      linkId: 'symptoms.pain_level',
      category: 'SYMPTOMS',
      type: 'NUMBER',
      text: t('Pain level today, from 0 (none) to 10 (worst)', 'Nivel de dolor hoy, de 0 (ninguno) a 10 (el peor)'),
    },
    {
      linkId: 'allergies.known',
      category: 'ALLERGIES',
      type: 'MULTIPLE_CHOICE',
      required: true,
      text: t('Are you allergic to any of these?', '¿Tiene alergia a alguno de estos?'),
      options: [
        option('PENICILLIN', 'Penicillin', 'Penicilina', sct('764146007')),
        option('SULFA', 'Sulfa drugs', 'Sulfamidas', sct('387406002')),
        option('ASPIRIN', 'Aspirin', 'Aspirina', sct('387458008')),
        option('PEANUTS', 'Peanuts', 'Cacahuates o maní', sct('762952008')),
        option('SHELLFISH', 'Shellfish', 'Mariscos', sct('735029006')),
        option('LATEX', 'Latex', 'Látex', sct('111088007')),
        none('No known allergies', 'Sin alergias conocidas'),
      ],
    },
    {
      linkId: 'allergies.other',
      category: 'ALLERGIES',
      type: 'TEXT',
      text: t(
        'Any other allergies? Tell us to what and how you react.',
        '¿Tiene otras alergias? Indíquenos a qué y qué reacción le produce.',
      ),
    },
    {
      linkId: 'medications.current',
      category: 'MEDICATIONS',
      type: 'MULTIPLE_CHOICE',
      required: true,
      text: t('Which of these medicines do you take regularly?', '¿Cuáles de estos medicamentos toma con regularidad?'),
      options: [
        option('LISINOPRIL', 'Lisinopril (blood pressure)', 'Lisinopril (presión arterial)', rxnorm('29046')),
        option('METFORMIN', 'Metformin (diabetes)', 'Metformina (diabetes)', rxnorm('6809')),
        option('ATORVASTATIN', 'Atorvastatin (cholesterol)', 'Atorvastatina (colesterol)', rxnorm('83367')),
        option('LEVOTHYROXINE', 'Levothyroxine (thyroid)', 'Levotiroxina (tiroides)', rxnorm('10582')),
        option('ALBUTEROL', 'Albuterol inhaler', 'Inhalador de salbutamol', rxnorm('435')),
        option('IBUPROFEN', 'Ibuprofen', 'Ibuprofeno', rxnorm('5640')),
        none('No regular medicines', 'Ningún medicamento habitual'),
      ],
    },
    {
      linkId: 'medications.other',
      category: 'MEDICATIONS',
      type: 'TEXT',
      text: t(
        'Other medicines, vitamins or supplements you take',
        'Otros medicamentos, vitaminas o suplementos que toma',
      ),
    },
    {
      linkId: 'history.conditions',
      category: 'MEDICAL_HISTORY',
      type: 'MULTIPLE_CHOICE',
      required: true,
      text: t('Have you ever had any of these?', '¿Ha tenido alguna vez alguno de estos problemas?'),
      options: [
        option('ASTHMA', 'Asthma', 'Asma', sct('195967001')),
        option('HYPERTENSION', 'High blood pressure', 'Presión arterial alta', sct('38341003')),
        option('DIABETES', 'Diabetes', 'Diabetes', sct('73211009')),
        option('HEART_DISEASE', 'Heart disease', 'Enfermedad del corazón', sct('56265001')),
        option('PAST_SURGERY', 'Past surgery', 'Cirugía previa', sct('161615003')),
        option('SERIOUS_INJURY', 'Serious injury', 'Lesión grave'),
        none('None of these', 'Ninguno de estos'),
      ],
    },
    {
      linkId: 'history.last_checkup',
      category: 'MEDICAL_HISTORY',
      type: 'DATE',
      text: t('Date of your last check-up', 'Fecha de su último chequeo médico'),
    },
    {
      linkId: 'social.tobacco',
      category: 'SOCIAL_HISTORY',
      type: 'SINGLE_CHOICE',
      required: true,
      text: t('Do you smoke or use tobacco?', '¿Fuma o consume tabaco?'),
      options: [
        option('NEVER', 'Never used tobacco', 'Nunca ha consumido tabaco', sct('266919005')),
        option('FORMER', 'Used tobacco in the past', 'Consumió tabaco en el pasado', sct('8517006')),
        option('CURRENT', 'Uses tobacco now', 'Consume tabaco actualmente', sct('77176002')),
      ],
    },
    {
      linkId: 'social.alcohol',
      category: 'SOCIAL_HISTORY',
      type: 'SINGLE_CHOICE',
      required: true,
      text: t('How often do you drink alcohol?', '¿Con qué frecuencia toma bebidas alcohólicas?'),
      options: [
        option('NEVER', 'Does not drink alcohol', 'No toma alcohol', sct('105542008')),
        option('OCCASIONALLY', 'Drinks alcohol occasionally', 'Toma alcohol de vez en cuando'),
        option('WEEKLY', 'Drinks alcohol every week', 'Toma alcohol todas las semanas'),
        option('DAILY', 'Drinks alcohol every day', 'Toma alcohol a diario'),
      ],
    },
    {
      linkId: 'social.drugs',
      category: 'SOCIAL_HISTORY',
      type: 'SINGLE_CHOICE',
      text: t('Do you use recreational drugs?', '¿Consume drogas recreativas?'),
      options: [
        option('NEVER', 'No recreational drug use', 'No consume drogas recreativas'),
        option('PAST', 'Used recreational drugs in the past', 'Consumió drogas recreativas en el pasado'),
        option('CURRENT', 'Uses recreational drugs now', 'Consume drogas recreativas actualmente'),
      ],
    },
    {
      linkId: 'social.diet',
      category: 'SOCIAL_HISTORY',
      type: 'SINGLE_CHOICE',
      text: t('Which best describes your diet?', '¿Qué describe mejor su alimentación?'),
      options: [
        option('BALANCED', 'Balanced diet', 'Alimentación equilibrada'),
        option('VEGETARIAN', 'Vegetarian diet', 'Alimentación vegetariana'),
        option('LOW_SALT', 'Low-salt diet', 'Dieta baja en sal'),
        option('HIGH_SUGAR', 'Diet high in sugar or fast food', 'Alimentación rica en azúcar o comida rápida'),
      ],
    },
    {
      linkId: 'social.recent_travel',
      category: 'SOCIAL_HISTORY',
      type: 'BOOLEAN',
      text: t(
        'Have you traveled outside the country in the last 30 days?',
        '¿Ha viajado fuera del país en los últimos 30 días?',
      ),
    },
    {
      linkId: 'social.occupation',
      category: 'SOCIAL_HISTORY',
      type: 'TEXT',
      text: t('What is your occupation?', '¿A qué se dedica?'),
    },
    {
      linkId: 'family.conditions',
      category: 'FAMILY_HISTORY',
      type: 'MULTIPLE_CHOICE',
      required: true,
      text: t(
        'Have your parents, brothers or sisters had any of these?',
        '¿Sus padres o hermanos han tenido alguno de estos problemas?',
      ),
      options: [
        option('HIGH_BLOOD_PRESSURE', 'High blood pressure', 'Presión arterial alta', sct('38341003')),
        option('CANCER', 'Cancer', 'Cáncer', sct('363346000')),
        option('STROKE', 'Stroke', 'Derrame cerebral', sct('230690007')),
        option('DIABETES', 'Diabetes', 'Diabetes', sct('73211009')),
        option('HEART_DISEASE', 'Heart disease', 'Enfermedad del corazón', sct('56265001')),
        none('None of these', 'Ninguno de estos'),
      ],
    },
  ],
};
