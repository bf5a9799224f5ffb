/** What other capabilities may use of audit: everything else in this folder is its own business. */
export { type AuditDetails, type AuditRecord } from './actions';
export { AuditLog } from './audit-log';
export { canonicalJson } from './chain';
export { generateSigningKeyPair, publicKeyFingerprint } from './checkpoint';
