/**
 * `pnpm audit:verify <file> [--key <key>]`: checks a service's PHI audit log (AUDIT_LOG_PATH) and
 * prints `ok: N records`, or the first record where the HMAC chain breaks (an edited, deleted,
 * reordered or inserted record) and exits 1. The key defaults to AUDIT_HMAC_KEY, then to the
 * development key the services use when it is not set.
 */
import { AuditFileError, DEV_AUDIT_HMAC_KEY, readAuditFile, verifyAuditChain } from '@carebridge/common';

const USAGE = 'usage: pnpm audit:verify <audit-file> [--key <hmac-key>]';

function parseArgs(argv: readonly string[]): { file: string; key: string } {
  let file: string | undefined;
  let key = process.env['AUDIT_HMAC_KEY'] || DEV_AUDIT_HMAC_KEY;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--key') {
      const value = argv[++i];
      if (value === undefined) throw new Error(USAGE);
      key = value;
    } else if (arg.startsWith('--key=')) {
      key = arg.slice('--key='.length);
    } else if (file === undefined && !arg.startsWith('--')) {
      file = arg;
    } else {
      throw new Error(USAGE);
    }
  }
  if (file === undefined) throw new Error(USAGE);
  return { file, key };
}

function main(): number {
  let args: { file: string; key: string };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : USAGE);
    return 2;
  }
  let records;
  try {
    records = readAuditFile(args.file);
  } catch (error) {
    if (error instanceof AuditFileError) {
      console.error(`broken: ${error.message}`);
      return 1;
    }
    console.error(`cannot read ${args.file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const result = verifyAuditChain(records, args.key);
  if (result.ok) {
    console.log(`ok: ${result.count} records`);
    return 0;
  }
  console.error(`broken at seq ${result.at}: ${result.reason}`);
  return 1;
}

process.exitCode = main();
