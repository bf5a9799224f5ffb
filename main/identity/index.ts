/** What other capabilities may use of identity: everything else in this folder is its own business. */
export { pendingPairs } from './store/review';
export { identityAttention, type IdentityAttentionItem } from './attention';
export { linkPending } from './link-pending';
