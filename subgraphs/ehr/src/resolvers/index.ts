import { DateScalar, DateTimeScalar } from '@carebridge/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import { EhrSystem } from './EhrSystem';
import { EhrTransaction } from './EhrTransaction';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { Patient } from './Patient';
import { Query } from './Query';
import { Questionnaire } from './Questionnaire';
import { JSONScalar } from './scalars';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query,
  Mutation,
  EhrSystem,
  EhrTransaction,
  Organization,
  Patient,
  Questionnaire,
};
