/** What other capabilities may use of the contact ledger: everything else in this folder is its own business. */
/** "May this person be contacted on this channel for these purposes?", for many people at once: partner extracts ask it. */
export { contactOfMany, type ContactOfMany } from './many';
/** The one answer, pure, from a person's derived state. */
export { contactAllowed, deriveContactState, type ContactFact, type ContactState } from './state';
/** The ledger's part in undoing an import: a record a choice hangs from stays. */
export { contactOnRecord } from './undo';
