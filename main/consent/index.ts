/** What other capabilities may use of consent: everything else in this folder is its own business. */
export { checkPurposeAliases, declareSourcePurposes, sourcePurposes, type PurposeDeclaration } from './declare';
/** The intake gate: which records an import holds until a steward attaches a basis (docs/consent.md). */
export { IntakeGate, type HoldReason } from './gate';
export { countHeld, heldAttention, setHeldRecordHooks, type HeldAttentionItem, type HeldRecordHooks } from './held';
export { ImportedConsents, type ConsentProblem, type ConsentProblemCode, type ObservedConsent } from './import-ledger';
/** "May this person's data be used for this purpose now, and why (not)?": partner extracts and access packages ask this. */
export { mayUse, profileConsent, sourceConsents, type UseAnswer } from './state';
/** mayUse for many people at once (a partner extract of hundreds of thousands): the same answer, read set-based. */
export { consentOfMany, type ConsentOfMany } from './use-many';
/** The catalog as partners' agreements name it: a purpose by code, and whether it allows a basis. */
export { assertBasisAllowed, purposeRules, requirePurpose, requireRule, type PurposeRule } from './catalog';
/** The ledger's part in undoing an import. */
export { ledgerBeyondRun, ledgerFromRun, removeRecordsLedger } from './undo';
/** The consent review's items for the home screen (counts only). */
export { consentAttention, type ConsentAttentionItem } from './attention';
/** The consent review's derived table (profile × purpose state), which retention reads its consent from. */
export { refreshConsentState } from './review-state';
/** A person as the ledger sees them (a merged id followed, the record a steward's entry hangs from): contact's ledger hangs the same way. */
export { activeProfileOf, anchorRecord } from './person';
