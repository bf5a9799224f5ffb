/** What other capabilities and the composition may use of retention: everything else is this folder's own business. */
export { retentionAttention, type RetentionAttentionItem } from './attention';
/** Approved sweeps whose time has come, for the app's timer and `custodia retention sweep --due`. */
export { waitingSweeps } from './sweep';
/** Partner extracts leave out people whose date for a purpose of the lease has passed. */
export { retentionOfMany, type RetentionOfMany } from './use-many';
/** The rules in force, for the records of processing (main/processing). */
export { listRules } from './rules';
