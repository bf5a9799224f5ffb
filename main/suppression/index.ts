/**
 * What other capabilities may use of the suppression list. The erasure engine computes a person's digests
 * from their stored records before removing them (`digestsOfRecords`) and lists them (`addSuppression`),
 * in its transaction; ingest drops incoming records that match (`Suppressor`, once per run).
 */
export { addSuppression, digestsOfRecords, listSuppression, suppressionSecret, Suppressor } from './store';
export { foldName, recordDigests, SUPPRESSION_KINDS, type RecordIdentity, type SuppressionDigest, type SuppressionKind } from './digests';
