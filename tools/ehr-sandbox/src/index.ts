import { createLogger, stopOnSignals } from '@carebridge/common';
import { readConfig } from './config';
import { FHIR_BASE } from './fhir/routes';
import { createSandbox } from './server';

const config = readConfig();
const logger = createLogger('ehr-sandbox');
const sandbox = createSandbox({ faults: config.faults, logger });
const running = await sandbox.listen(config.port, config.host);
logger.info('service.ready', {
  url: running.url,
  ehrs: sandbox.specs.map((spec) => spec.id).join(','),
  fhir: FHIR_BASE,
  ...config.faults,
});

stopOnSignals(logger, () => running.close());
