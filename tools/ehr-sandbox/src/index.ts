import { createLogger, stopOnSignals } from '@carebridge/common';
import { readConfig } from './config';
import { createSandbox } from './server';

const config = readConfig();
const logger = createLogger('ehr-sandbox');
const sandbox = createSandbox({ faults: config.faults, logger });
const running = await sandbox.listen(config.port, config.host);
logger.info('service.ready', {
  url: running.url,
  ehrs: sandbox.specs.map((spec) => spec.id).join(','),
  ...config.faults,
});

stopOnSignals(logger, () => running.close());
