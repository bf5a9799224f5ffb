/** What other capabilities may use of identity: everything else in this folder is its own business. */
export { pendingPairs } from './store/review';
export { identityAttention, type IdentityAttentionItem } from './attention';
export { linkPending } from './link-pending';
/** The golden record's name for a profile, for ingest's refreshProfile (plugged in by main/backend). */
export { nameFromGolden } from './golden/golden-record';
/** A person's golden record (each field, its value, its source and the rule that chose it): the access package shows it. */
export { goldenRecord } from './golden/golden-record';
export type { GoldenValue } from './golden/contract';
/** The golden values of many profiles at once, the same as goldenRecord's (partner extracts). */
export { goldenValuesOfMany } from './golden/golden-many';
export type { GoldenFieldName } from './golden/contract';
