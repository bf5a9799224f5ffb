/**
 * A mailing list's subscriber status, as Mailchimp and its French interface write it: subscribed,
 * unsubscribed, cleaned (the address bounced) or pending (a double opt-in never confirmed). Case and
 * accents do not matter (`Abonné`, `DESABONNE`). Blank is missing; anything else is not read as a status.
 */
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';
import { foldForSearch } from './text';

export type SubscriptionStatus = 'subscribed' | 'unsubscribed' | 'cleaned' | 'pending';

// Folded forms (lower case, no accents, punctuation as spaces).
const WORDS: Readonly<Record<string, SubscriptionStatus>> = {
  subscribed: 'subscribed',
  subscriber: 'subscribed',
  abonne: 'subscribed',
  abonnee: 'subscribed',
  inscrit: 'subscribed',
  inscrite: 'subscribed',
  unsubscribed: 'unsubscribed',
  'opted out': 'unsubscribed',
  desabonne: 'unsubscribed',
  desabonnee: 'unsubscribed',
  desinscrit: 'unsubscribed',
  desinscrite: 'unsubscribed',
  cleaned: 'cleaned',
  bounced: 'cleaned',
  nettoye: 'cleaned',
  nettoyee: 'cleaned',
  pending: 'pending',
  unconfirmed: 'pending',
  'en attente': 'pending',
  'non confirme': 'pending',
  'non confirmee': 'pending',
};

export function parseSubscriptionStatus(raw: unknown): Normalized<SubscriptionStatus> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a subscription status, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  const status = WORDS[foldForSearch(text.trim())];
  return status === undefined ? reject('not a subscription status (subscribed, unsubscribed, cleaned or pending)', text) : accept(status, text);
}

/** True when every value reads as a status (used to recognise a status column from its samples). */
export function looksLikeStatus(value: unknown): boolean {
  const result = parseSubscriptionStatus(value);
  return result.ok && result.value !== null;
}
