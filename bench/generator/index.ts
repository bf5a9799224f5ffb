/** Realistic, deterministic customer exports for tests and benchmarks. See generate.ts and mutate.ts. */
export {
  generateCustomers,
  DEFAULT_MESSINESS,
  FORMATS,
  FORMAT_SPECS,
  type Format,
  type GenerateOptions,
  type GenerateResult,
  type GenerateStats,
  type MessinessRates,
} from './generate';
export { mutate, sniffFormat, type MutateOptions, type MutateResult } from './mutate';
export { parseDate, DATE_FORMATS, type DateFormat } from './people';
