import {
  pick,
  SEED_EPOCH,
  SEED_PATIENT_COUNT,
  SEED_QUESTIONNAIRE_ID,
  seededRandom,
  seedPatientId,
  seedPatientLanguage,
  seedPatientOrganizationId,
  type Language,
} from '@carebridge/common';
import { NONE_CODE } from '@carebridge/domain';
import type { AnswerInput, QuestionnaireResponseInput } from '../__generated__/schema-types';
import type { QuestionnaireItemRecord, QuestionnaireRecord, QuestionnaireResponseRecord } from './records';
import { SEED_QUESTIONNAIRE } from './seed-questionnaire';
import { InMemoryClinicalStore, type SeedData } from './store';
import { validateQuestionnaireInput, validateResponseInput } from './validation';

/**
 * Deterministic seed: the intake questionnaire and responses from about 60% of the seeded
 * patients, some of whom answered twice (two weeks apart) so "latest answer wins" shows. Times
 * derive from SEED_EPOCH and choices from seededRandom, so every run builds the same data. All of
 * it goes through the same validation as the mutations; the store refuses to start otherwise.
 * A store loads it only while empty (`ClinicalStore.loadSeed`), so a restart over a database
 * neither reseeds nor duplicates it.
 */

export interface SeedResponse {
  id: string;
  /** The seeded patient's organization, the same as in the patient subgraph's seed. */
  organizationId: string;
  submittedAt: string;
  input: QuestionnaireResponseInput;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const epoch = Date.parse(SEED_EPOCH);

/** Free-text answers as patients write them: in their own language, never translated. */
const TEXTS: Record<string, Record<Language, readonly string[]>> = {
  'symptoms.other': {
    EN: ['Tired in the afternoons', 'Trouble sleeping for two weeks', 'Sore throat since Monday'],
    ES: ['Cansancio por las tardes', 'Me cuesta dormir desde hace dos semanas', 'Dolor de garganta desde el lunes'],
  },
  'allergies.other': {
    EN: ['Cats: sneezing and itchy eyes', 'Strawberries: hives'],
    ES: ['Gatos: estornudos y picor de ojos', 'Fresas: ronchas'],
  },
  'medications.other': {
    EN: ['Vitamin D, 1000 IU a day', 'Omeprazole 20 mg before breakfast'],
    ES: ['Vitamina D, 1000 UI al día', 'Omeprazol 20 mg antes del desayuno'],
  },
  'social.occupation': {
    EN: ['Teacher', 'Electrician', 'Nurse', 'Retired', 'Truck driver', 'Accountant'],
    ES: ['Maestra', 'Electricista', 'Enfermero', 'Jubilado', 'Camionero', 'Contadora'],
  },
};

/** How often an optional question is answered; rare for yes/no so history stays mostly clinical. */
const OPTIONAL_ANSWER_RATE: Record<QuestionnaireItemRecord['type'], number> = {
  BOOLEAN: 0.2,
  SINGLE_CHOICE: 0.6,
  MULTIPLE_CHOICE: 0.6,
  TEXT: 0.3,
  NUMBER: 0.5,
  DATE: 0.4,
};

function choose(random: () => number, item: QuestionnaireItemRecord): string[] {
  const codes = item.options.map((o) => o.code);
  if (item.type === 'SINGLE_CHOICE') return [pick(random, codes)];
  const real = codes.filter((c) => c !== NONE_CODE);
  if (codes.includes(NONE_CODE) && random() < 0.3) return [NONE_CODE];
  const chosen = new Set<string>();
  const count = 1 + Math.floor(random() * 2);
  while (chosen.size < count) chosen.add(pick(random, real));
  return real.filter((c) => chosen.has(c));
}

function answer(random: () => number, item: QuestionnaireItemRecord, language: Language): AnswerInput {
  const { linkId } = item;
  switch (item.type) {
    case 'BOOLEAN':
      return { linkId, valueBoolean: random() < 0.2 };
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE':
      return { linkId, valueCodes: choose(random, item) };
    case 'TEXT':
      return { linkId, valueString: pick(random, TEXTS[linkId]?.[language] ?? ['-']) };
    case 'NUMBER':
      return { linkId, valueNumber: Math.floor(random() * 11) };
    case 'DATE':
      return {
        linkId,
        valueDate: new Date(epoch - (30 + Math.floor(random() * 700)) * DAY).toISOString().slice(0, 10),
      };
  }
}

function answers(random: () => number, items: readonly QuestionnaireItemRecord[], language: Language): AnswerInput[] {
  return items
    .filter((item) => item.required || random() < OPTIONAL_ANSWER_RATE[item.type])
    .map((item) => answer(random, item, language));
}

export function seedResponses(questionnaire: QuestionnaireRecord): SeedResponse[] {
  const random = seededRandom(20260105);
  const responses: SeedResponse[] = [];
  let responding = 0;
  for (let i = 0; i < SEED_PATIENT_COUNT; i++) {
    if (random() >= 0.6) continue;
    responding++;
    const patientId = seedPatientId(i);
    const language = seedPatientLanguage(i);
    const first = epoch + (i + 1) * HOUR + Math.floor(random() * 50) * 60 * 1000;
    // Every tenth respondent answers again two weeks later, usually changing some answers.
    const times = responding % 10 === 0 ? [first, first + 14 * DAY] : [first];
    for (const time of times) {
      responses.push({
        id: `qr-${String(responses.length + 1).padStart(5, '0')}`,
        organizationId: seedPatientOrganizationId(i),
        submittedAt: new Date(time).toISOString(),
        input: {
          patientId,
          questionnaireId: questionnaire.id,
          language,
          answers: answers(random, questionnaire.items, language),
        },
      });
    }
  }
  return responses;
}

export function seedQuestionnaire(): QuestionnaireRecord {
  const { problems, definition } = validateQuestionnaireInput(SEED_QUESTIONNAIRE);
  if (!problems.empty) throw new Error(`seed questionnaire is invalid: ${JSON.stringify(problems.list)}`);
  // Shared (organizationId null): every organization uses the platform's intake questionnaire.
  return {
    ...definition,
    id: SEED_QUESTIONNAIRE_ID,
    organizationId: null,
    version: 1,
    status: 'ACTIVE',
    publishedAt: SEED_EPOCH,
  };
}

/** The seed as records, every response validated against the questionnaire; throws if any is invalid. */
export function seedData(): SeedData {
  const questionnaire = seedQuestionnaire();
  const responses = seedResponses(questionnaire).map((seed): QuestionnaireResponseRecord => {
    const { problems, answers: stored } = validateResponseInput(seed.input, questionnaire, new Date(seed.submittedAt));
    if (!problems.empty) throw new Error(`seed response ${seed.id} is invalid: ${JSON.stringify(problems.list)}`);
    return {
      id: seed.id,
      patientId: seed.input.patientId,
      organizationId: seed.organizationId,
      questionnaireId: questionnaire.id,
      language: seed.input.language,
      answers: stored,
      submittedAt: seed.submittedAt,
      submittedBy: 'patient',
    };
  });
  return { questionnaire, responses };
}

/** A new in-memory store holding the seed (no events: see `announceLoaded`). */
export function createSeededStore(): InMemoryClinicalStore {
  const store = new InMemoryClinicalStore();
  store.loadSeedNow(seedData());
  return store;
}
