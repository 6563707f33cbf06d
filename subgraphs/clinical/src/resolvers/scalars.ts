import { DateScalar, DateTimeScalar } from '@carebridge/common';

export const scalars = { Date: DateScalar, DateTime: DateTimeScalar };
