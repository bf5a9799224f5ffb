/** What other capabilities may use of the request register: everything else in this folder is its own business. */
export { requestAttention, type RequestAttentionItem } from './attention';
/** The access package (a later slice) builds only for a verified, matched request: this is its guard. */
export { assertReadyForPackage } from './register';
export { todayIn, vaultTimeZone } from './zone';
/** The access package's words come from main/i18n, which the backend plugs in. */
export { setPackageTranslator } from './package/translate';
/** The report's PDF writer and its blocks: the erasure certificate is drawn with them. */
export { reportPdf } from './package/pdf';
export type { Block as ReportBlock, Translate } from './package/report';
/** The vault's organisation name and time zone, for documents other capabilities write. */
export { readRequestSettings } from './settings';
