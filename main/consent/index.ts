/** What other capabilities may use of consent: everything else in this folder is its own business. */
export { checkPurposeAliases, declareSourcePurposes, sourcePurposes, type PurposeDeclaration } from './declare';
export { ImportedConsents, type ConsentProblem, type ConsentProblemCode, type ObservedConsent } from './import-ledger';
/** "May this person's data be used for this purpose now, and why (not)?": partner extracts and access packages ask this. */
export { mayUse, profileConsent, sourceConsents, type UseAnswer } from './state';
/** The ledger's part in undoing an import. */
export { ledgerBeyondRun, ledgerFromRun, removeRecordsLedger } from './undo';
