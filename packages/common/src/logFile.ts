import { openSync, writeSync } from 'node:fs';
import type { Env } from './env';

/**
 * `LOG_FILE`: every line a service prints (its JSON logs on stdout, anything on stderr) is also
 * appended to that file, so one file gathers the logs of every process of a test run and
 * `scripts/check-logs.ts` can look through them for PHI and credentials.
 *
 * The services create their loggers with `createLogger`, whose default writer is stdout; teeing the
 * process's output catches every logger, and anything else that writes to stdout or stderr, without
 * each service having to be told. Appends use O_APPEND with one synchronous write per chunk, so
 * several processes can share the file without cutting each other's lines, and a line written
 * right before `process.exit` is not lost.
 */

let teeFd: number | undefined;

/** Starts appending this process's stdout and stderr to `LOG_FILE` (once; no-op when unset). */
export function teeOutputToLogFile(env: Env = process.env): void {
  const path = env['LOG_FILE'];
  if (!path || teeFd !== undefined) return;
  const fd = openSync(path, 'a');
  teeFd = fd;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = (chunk: unknown, ...rest: unknown[]): boolean => {
      appendChunk(fd, chunk);
      return write(chunk, ...rest);
    };
  }
}

/**
 * A line writer for `createLogger` that also appends to `LOG_FILE`: for loggers that do not write
 * to stdout (tests that capture their log lines), so their lines are checked too.
 */
export function alsoToLogFile(write: (line: string) => void, env: Env = process.env): (line: string) => void {
  const path = env['LOG_FILE'];
  if (!path) return write;
  const fd = openSync(path, 'a');
  return (line) => {
    appendChunk(fd, line + '\n');
    write(line);
  };
}

function appendChunk(fd: number, chunk: unknown): void {
  try {
    if (typeof chunk === 'string') writeSync(fd, chunk);
    else if (chunk instanceof Uint8Array) writeSync(fd, chunk);
  } catch {
    // A log file that cannot be written must not take the service down; stdout still has the line.
  }
}
