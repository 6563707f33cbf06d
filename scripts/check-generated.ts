/**
 * `pnpm check:generated`: fails when a committed generated file is stale, that is when
 * `pnpm codegen` or `pnpm compose` would change it. Part of `pnpm test`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen';
import { composeSupergraph, ROOT_DIR, SUPERGRAPH_SDL } from '../gateway/src/compose';

const stale: string[] = [];
const outputs = (await generate({ ...config, cwd: ROOT_DIR, silent: true }, false)) as {
  filename: string;
  content: string;
}[];
for (const { filename, content } of outputs) {
  const file = resolve(ROOT_DIR, filename);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== content) stale.push(`${filename} (run pnpm codegen)`);
}
if (readFileSync(SUPERGRAPH_SDL, 'utf8') !== composeSupergraph().sdl)
  stale.push('supergraph.graphql (run pnpm compose)');

if (stale.length > 0) {
  console.error(`Stale generated files:\n${stale.map((s) => `- ${s}`).join('\n')}`);
  process.exit(1);
}
console.log(`Generated files are up to date (${outputs.length} from codegen, supergraph.graphql).`);
