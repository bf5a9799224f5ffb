/** What the composition may use of the records of processing: everything else is this folder's own business. */
/** The report's words come from main/i18n, which the backend plugs in. */
export { setProcessingTranslator } from './translate';
