/**
 * Preloaded (`node --import`) into every service `scripts/start.ts` runs when `LOG_FILE` is set, so
 * that the file gets each service's lines from its first one, before `serveHttp` would start the
 * tee itself. The tee is installed once per process, however often it is asked for.
 */
import { teeOutputToLogFile } from '../packages/common/src/logFile';

teeOutputToLogFile();
