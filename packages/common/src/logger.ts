/**
 * Structured JSON logs, one object per line on stdout.
 *
 * Only operational facts go in a log line (service, event, ids, counts, durations, error codes).
 * Callers never pass patient data: names, dates of birth, contact details and answers are PHI.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

type Level = 'info' | 'warn' | 'error';

export function createLogger(
  service: string,
  base: LogFields = {},
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Logger {
  const emit = (level: Level, event: string, fields: LogFields = {}): void => {
    const own = { time: new Date().toISOString(), level, service, event };
    // A field of the same name cannot replace these: a line always names the service that wrote it
    // (a gateway line about the patient subgraph says so in a field of its own, `subgraph`).
    write(JSON.stringify(Object.assign({ ...own, ...base, ...fields }, own)));
  };
  return {
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    child: (fields) => createLogger(service, { ...base, ...fields }, write),
  };
}

/** A logger that drops everything: for tests that do not look at logs. */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
