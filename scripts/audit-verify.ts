/**
 * `pnpm audit:verify <file> --key <key>`: checks a service's PHI audit log (AUDIT_LOG_PATH) and
 * prints `ok: N records`, or the first record where the HMAC chain breaks (an edited, deleted,
 * reordered or inserted record) and exits 1. The key is `--key`, else AUDIT_HMAC_KEY; without
 * either it exits 2. `--dev-key` checks a development log under the public development key, with a
 * warning: anyone can re-chain a file under that key, so the result proves nothing against
 * tampering.
 *
 * `pnpm audit:verify --database-url <url> --schema <schema> --key <key>` checks a service's log
 * on PostgreSQL instead: every chain (one per process start) on its own, one line each, then
 * `ok: N records in C chains`, or exit 1 when any chain breaks. It only reads.
 */
import { AuditFileError, DEV_AUDIT_HMAC_KEY, readAuditFile, verifyAuditChain } from '@carebridge/common';

const USAGE =
  'usage: pnpm audit:verify <audit-file> (--key <hmac-key> | --dev-key)\n' +
  '       pnpm audit:verify --database-url <postgres-url> --schema <schema> (--key <hmac-key> | --dev-key)\n' +
  'The key is --key, else AUDIT_HMAC_KEY; --dev-key uses the public development key (development logs only).';

const DEV_KEY_WARNING =
  'warning: verified with the public development key: anyone can re-chain a file with it, so this proves nothing against tampering';

type Args = { key: string } & ({ file: string } | { url: string; schema: string });

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): Args {
  let file: string | undefined;
  let devKey = false;
  const options: Record<'key' | 'database-url' | 'schema', string | undefined> = {
    key: undefined,
    'database-url': undefined,
    schema: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const option = (['key', 'database-url', 'schema'] as const).find(
      (name) => arg === `--${name}` || arg.startsWith(`--${name}=`),
    );
    if (option !== undefined) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (value === undefined) throw new Error(USAGE);
      options[option] = value;
    } else if (arg === '--dev-key') {
      devKey = true;
    } else if (file === undefined && !arg.startsWith('--')) {
      file = arg;
    } else {
      throw new Error(USAGE);
    }
  }
  // Never a silent default: a file re-chained under the development key would verify "ok".
  if (devKey && options.key !== undefined) throw new Error(USAGE);
  const key = devKey ? DEV_AUDIT_HMAC_KEY : options.key || env['AUDIT_HMAC_KEY'];
  if (!key) throw new Error(USAGE);
  const url = options['database-url'];
  const schema = options.schema;
  if (url !== undefined || schema !== undefined) {
    if (url === undefined || schema === undefined || file !== undefined) throw new Error(USAGE);
    return { key, url, schema };
  }
  if (file === undefined) throw new Error(USAGE);
  return { key, file };
}

function verifyFile(file: string, key: string): number {
  let records;
  try {
    records = readAuditFile(file);
  } catch (error) {
    if (error instanceof AuditFileError) {
      console.error(`broken: ${error.message}`);
      return 1;
    }
    console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const result = verifyAuditChain(records, key);
  if (result.ok) {
    console.log(`ok: ${result.count} records`);
    return 0;
  }
  console.error(`broken at seq ${result.at}: ${result.reason}`);
  return 1;
}

async function verifyDatabase(url: string, schema: string, key: string): Promise<number> {
  let chains;
  try {
    // Loaded only here: checking a file needs no database driver.
    const { verifyAuditDatabase } = await import('@carebridge/db');
    chains = await verifyAuditDatabase({ url, schema, key });
  } catch (error) {
    console.error(`cannot read ${schema}.audit_record: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  let records = 0;
  let broken = 0;
  for (const { chain, startedAt, result } of chains) {
    if (result.ok) {
      records += result.count;
      console.log(`chain ${chain} (from ${startedAt}): ok: ${result.count} records`);
    } else {
      broken += 1;
      console.error(`chain ${chain} (from ${startedAt}): broken at seq ${result.at}: ${result.reason}`);
    }
  }
  if (broken > 0) {
    console.error(`broken: ${broken} of ${chains.length} chains`);
    return 1;
  }
  console.log(`ok: ${records} records in ${chains.length} chains`);
  return 0;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : USAGE);
    return 2;
  }
  const code = 'file' in args ? verifyFile(args.file, args.key) : await verifyDatabase(args.url, args.schema, args.key);
  // After the result, which it qualifies (also when the key came from --key or AUDIT_HMAC_KEY).
  if (args.key === DEV_AUDIT_HMAC_KEY) console.error(DEV_KEY_WARNING);
  return code;
}

process.exitCode = await main();
