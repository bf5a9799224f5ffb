/** What other capabilities and the composition may use of partner registers: everything else is this folder's own business. */
export { partnersAttention, type PartnersAttentionItem } from './attention';
/** The register export's words come from main/i18n, which the backend plugs in. */
export { setRegisterTranslator } from './register/translate';
/** Whether a schedule is due now (the backend's scheduler asks every minute while the app is open). */
export { hasDueSchedules } from './schedule/store';
/** Partners and their agreements (no delivery, no credential), for the records of processing (main/processing). */
export { listPartners } from './partners';
export { agreementSummaries, type AgreementSummary } from './agreements';
