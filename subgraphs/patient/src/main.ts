import { runService, type Logger } from '@carebridge/common';
import { openSubgraphRuntime } from '@carebridge/db';
import { readConfig } from './config';
import type { PatientStore } from './data/store';
import { createService } from './server';

/** Opens the patient store the service serves; `close` ends what it opened. */
export type OpenPatientStorage = (
  config: ReturnType<typeof readConfig>,
  logger: Logger,
) => Promise<{ store: PatientStore; close(): Promise<void> }>;

/**
 * Runs the patient subgraph from its environment: config, runtime (logger, token verifier, audit
 * log), the store `openStorage` opens, the service and its runner. `src/index.ts` opens the
 * service's own store; the scale benchmark's launcher opens one with generated patients.
 */
export async function servePatientSubgraph(openStorage: OpenPatientStorage): Promise<void> {
  const config = readConfig();
  // The audit log on PostgreSQL when DATABASE_URL is set; closed last, once its records are written.
  const { logger, verifier, audit, close } = await openSubgraphRuntime('patient', config);
  const storage = await openStorage(config, logger);
  await runService(
    createService({
      logger,
      store: storage.store,
      audit,
      verifier,
      events: config.events,
      cursorKey: config.cursorKey,
    }),
    {
      ...config,
      onClosed: async () => {
        await storage.close();
        await close();
      },
    },
  );
}
