import type { Resolvers } from '../__generated__/resolvers-types';
import { Answer } from './Answer';
import { AnswerOption } from './AnswerOption';
import { ClinicalHistory } from './ClinicalHistory';
import { Mutation } from './Mutation';
import { Patient } from './Patient';
import { Query } from './Query';
import { Questionnaire } from './Questionnaire';
import { QuestionnaireItem } from './QuestionnaireItem';
import { QuestionnaireResponse } from './QuestionnaireResponse';
import { scalars } from './scalars';

export const resolvers: Resolvers = {
  ...scalars,
  Query,
  Mutation,
  Questionnaire,
  QuestionnaireItem,
  AnswerOption,
  QuestionnaireResponse,
  Answer,
  Patient,
  ClinicalHistory,
};
