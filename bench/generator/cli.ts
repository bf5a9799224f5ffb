/**
 * node --import tsx bench/generator/cli.ts --count 100000 --format csv-fr --out /tmp/x.csv [--seed 1] [--messiness 1] [--date-format DD/MM/YYYY]
 *   (also writes /tmp/x.csv.counts.json: the rows of each kind and the messes written, for checking an import)
 * node --import tsx bench/generator/cli.ts --mutate /tmp/x.csv --fraction 0.01 [--seed 2] [--out /tmp/x.updated.csv]
 */
import { parseArgs } from 'node:util';
import { DATE_FORMATS, FORMATS, generateCustomers, mutate, type DateFormat, type Format } from './index';

const USAGE = `usage:
  node --import tsx bench/generator/cli.ts --count N --format ${FORMATS.join('|')} --out FILE [--seed S] [--messiness X] [--date-format ${DATE_FORMATS.join('|')}]
  node --import tsx bench/generator/cli.ts --mutate FILE --fraction F [--seed S] [--out FILE]`;

const { values } = parseArgs({
  options: {
    count: { type: 'string' },
    format: { type: 'string', default: 'csv' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    messiness: { type: 'string', default: '1' },
    'date-format': { type: 'string' },
    mutate: { type: 'string' },
    fraction: { type: 'string', default: '0.01' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

if (values.help) {
  console.log(USAGE);
} else if (values.mutate) {
  const fraction = Number(values.fraction);
  if (!(fraction >= 0 && fraction <= 1)) fail(`--fraction must be within 0..1`);
  const result = await mutate(values.mutate, fraction, values.seed, values.out ? { out: values.out } : {});
  console.log(
    `${result.out}: ${result.rows.toLocaleString('en')} ${result.format} rows, ${result.changed.toLocaleString('en')} changed (${result.changedPhones} phones, ${result.changedStreets} streets) in ${(result.ms / 1000).toFixed(2)} s`,
  );
} else {
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 0) fail('--count must be a non-negative integer');
  if (!FORMATS.includes(values.format as Format)) fail(`--format must be one of ${FORMATS.join(', ')}`);
  if (!values.out) fail('--out is required');
  const dateFormat = values['date-format'];
  if (dateFormat !== undefined && !DATE_FORMATS.includes(dateFormat as DateFormat)) fail(`--date-format must be one of ${DATE_FORMATS.join(', ')}`);
  const messiness = Number(values.messiness);
  if (!(messiness >= 0)) fail('--messiness must be a number ≥ 0');
  const result = await generateCustomers({
    count,
    seed: values.seed,
    format: values.format as Format,
    out: values.out,
    counts: `${values.out}.counts.json`,
    messiness,
    ...(dateFormat ? { dateFormat: dateFormat as DateFormat } : {}),
  });
  const seconds = result.ms / 1000;
  console.log(
    `${result.file}: ${result.rows.toLocaleString('en')} ${result.format} rows (${result.encoding}), ${(result.bytes / 1024 / 1024).toFixed(1)} MiB in ${seconds.toFixed(2)} s (${Math.round(result.rows / Math.max(seconds, 1e-9)).toLocaleString('en')} rows/s)`,
  );
  console.log(`  ${JSON.stringify(result.stats)}`);
  console.log(`  counts: ${values.out}.counts.json`);
}
