/** What other capabilities may use of the request register: everything else in this folder is its own business. */
export { requestAttention, type RequestAttentionItem } from './attention';
/** The access package (a later slice) builds only for a verified, matched request: this is its guard. */
export { assertReadyForPackage } from './register';
export { vaultTimeZone } from './zone';
/** The access package's words come from main/i18n, which the backend plugs in. */
export { setPackageTranslator } from './package/translate';
