/** What other capabilities may use of overview: nothing yet, since it only gathers theirs. */
export type { AttentionItem, AttentionKind } from './contract';
