import { openPatientStore } from './data/storage';
import { servePatientSubgraph } from './main';

await servePatientSubgraph((config, logger) =>
  openPatientStore({ database: config.database, announceSeed: config.announceSeed, logger }),
);
