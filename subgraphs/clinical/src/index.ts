import { createLogger, runService } from '@carebridge/common';
import { readConfig } from './config';
import { createService } from './server';

await runService(createService({ logger: createLogger('clinical') }), readConfig());
