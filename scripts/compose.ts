/**
 * `pnpm compose`: composes supergraph.yaml into the committed supergraph.graphql, which the gateway
 * serves by default. Exits non-zero, printing every composition error and hint, when it fails.
 */
import { writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_SDL } from '../gateway/src/compose';

try {
  const { sdl, hints } = composeSupergraph();
  writeFileSync(SUPERGRAPH_SDL, sdl);
  for (const hint of hints) console.warn(`hint ${hint}`);
  console.log(`Composed ${SUPERGRAPH_SDL}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
