import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface SelfTime {
  name: string;
  where: string;
  percent: number;
}

/** Where a frame's code lives, shortened to its package (or the project's path) and line. */
function shortUrl(url: string, line: number): string {
  if (url === '') return '(native)';
  const store = url.lastIndexOf('/node_modules/');
  const path =
    store >= 0 ? url.slice(store + '/node_modules/'.length) : url.replace(/^.*\/(gateway|packages)\//, '$1/');
  return `${path.replace(/^file:\/\//, '')}:${line + 1}`;
}

/**
 * The functions with the most self time in the `.cpuprofile` files of `dir` (node --cpu-prof),
 * summed, as shares of the busy time, counting only the samples taken `skipMs` or more after each
 * profile began (the start-up, loading and compiling modules, is not what the load costs).
 */
export function topSelfTime(dir: string, skipMs: number, count = 15): SelfTime[] {
  const totals = new Map<string, SelfTime & { hits: number }>();
  let all = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      nodes: ProfileNode[];
      samples: number[];
      timeDeltas: number[];
    };
    const hitsOf = new Map<number, number>();
    let elapsedUs = 0;
    profile.samples.forEach((id, i) => {
      elapsedUs += profile.timeDeltas[i] ?? 0;
      if (elapsedUs >= skipMs * 1000) hitsOf.set(id, (hitsOf.get(id) ?? 0) + 1);
    });
    for (const node of profile.nodes) {
      const hits = hitsOf.get(node.id) ?? 0;
      // Waiting is not work: the shares are of the time the process was busy.
      if (hits === 0 || node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)')
        continue;
      all += hits;
      const { functionName, url, lineNumber } = node.callFrame;
      const name = functionName || '(anonymous)';
      const where = shortUrl(url, lineNumber);
      const key = `${name} ${where}`;
      const entry = totals.get(key) ?? { name, where, percent: 0, hits: 0 };
      entry.hits += hits;
      totals.set(key, entry);
    }
  }
  return [...totals.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, count)
    .map(({ name, where, hits }) => ({ name, where, percent: (100 * hits) / Math.max(1, all) }));
}
