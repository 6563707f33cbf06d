/**
 * `pnpm schema:accept`: records the current subgraph schemas as the compatibility baseline in
 * contracts/. Run it only for an intended change, and say in the commit why a break is acceptable.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { breakingChanges, CONTRACTS_DIR, readText, subgraphContracts } from './lib/contracts';

mkdirSync(CONTRACTS_DIR, { recursive: true });
for (const { name, schemaFile, baselineFile } of subgraphContracts()) {
  let breaking: string[] = [];
  try {
    breaking = await breakingChanges(readText(baselineFile), readText(schemaFile));
  } catch {
    // no baseline yet
  }
  copyFileSync(schemaFile, baselineFile);
  console.log(
    `${name}: baseline updated${breaking.length ? `, accepting ${breaking.length} breaking change(s):` : ''}`,
  );
  for (const change of breaking) console.log(`  - ${change}`);
}
