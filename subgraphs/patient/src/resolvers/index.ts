import { DateScalar, DateTimeScalar } from '@carebridge/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './Mutation';
import { Patient } from './Patient';
import { Provider } from './Provider';
import { Query } from './Query';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Patient,
  Provider,
};
