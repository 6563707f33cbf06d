import { DateTimeScalar } from '@carebridge/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import { EhrSystem } from './EhrSystem';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { Patient } from './Patient';
import { Query } from './Query';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  EhrSystem,
  Organization,
  Patient,
};
