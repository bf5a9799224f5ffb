/**
 * Messy imports (part of `npm run bench`): the four exports of the issue about lost customers — a till
 * export, a web shop's NDJSON, a CRM CSV, a newsletter TSV — generated with the project's generator at
 * its default messiness and imported with the suggested mapping and no option, each into a new source
 * declared in CA. Prints rejects, flags, anonymous sales and records against the generator's tally.
 * Pass line: rejects ≤ 0.5 % of rows and the counts add up, for every kind (bench/messy/checks.ts).
 * Size: MESSY_ROWS=5000 rows per kind (default).
 */
import os from 'node:os';
import { passes } from './messy/checks';
import { evaluateMessyImports, MESSY_SEED } from './messy/evaluate';
import { report } from './messy/report';

const rows = Number((process.env.MESSY_ROWS ?? '5000').replace(/_/g, ''));
if (!Number.isInteger(rows) || rows <= 0) {
  console.error('MESSY_ROWS must be a whole number of rows per kind, e.g. MESSY_ROWS=5000');
  process.exitCode = 2;
} else {
  console.log(
    `Messy imports on ${os.cpus().length} cores, Node ${process.version}: ${rows.toLocaleString('en')} rows per kind, seed ${MESSY_SEED}, default messiness, default country CA`,
  );
  const results = await evaluateMessyImports(rows);
  console.log('');
  for (const line of report(results)) console.log(line);
  const failed = results.filter((result) => !passes(result));
  console.log(
    failed.length === 0 ? 'PASS  every kind within 0.5 % rejects, and the counts add up' : `FAIL  ${failed.map((result) => result.kind.label).join(', ')}`,
  );
  process.exitCode = failed.length === 0 ? 0 : 1;
}
