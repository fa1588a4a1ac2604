// pnpm audit:verify [--incremental] — walks the audit trail's hash chain (docs/decisions/041) on the
// configured database (DATABASE_URL, or PGlite in DATA_DIR), prints how long it took and the first
// broken link, and records the result for the audit page. Exits 1 when the chain is broken. With
// --incremental it starts from the last verification that found the chain intact, as the nightly job does.
import { recordChainVerification, verifyAuditChain, verifyAuditChainIncrementally } from '../modules/audit/audit-chain.service.js';
import { openDatabase } from '../db/database.js';
import { loadDotEnv, loadEnv } from '../env.js';

// pnpm runs package scripts in server/; DATA_DIR is meant relative to where the command was typed.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const incremental = process.argv.includes('--incremental');

loadDotEnv();
const env = loadEnv();
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  const result = incremental ? await verifyAuditChainIncrementally(db.prisma) : await verifyAuditChain(db.prisma);
  if (!incremental) await recordChainVerification(db.prisma, result);
  const rate = result.ms > 0 ? Math.round((result.checked / result.ms) * 1000) : result.checked;
  console.log(`${db.location}: checked ${result.checked} events in ${(result.ms / 1000).toFixed(2)} s (${rate} events/s)${incremental ? ', from the last verification' : ''}`);
  if (result.ok) {
    console.log(`intact: head #${result.verified.seq} ${result.verified.hash}`);
  } else {
    console.error(`BROKEN at event #${result.broken!.seq} (${result.broken!.eventId ?? 'unknown id'}): ${result.broken!.message}`);
    console.error(`last event that links: #${result.verified.seq} ${result.verified.hash}`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
