/**
 * Keyed digests of what recognises an erased person in an incoming record (docs/architecture.md,
 * migration 026). Keyed (HMAC under a secret of this vault) rather than plain hashes: a name and an email
 * are guessable, so a plain hash of them would still say who was erased to anyone holding a list of names.
 *
 * A shared mailbox or a household phone alone never suppresses anyone: email and phone only count paired
 * with the person's folded name.
 */
import crypto from 'node:crypto';

export const SUPPRESSION_KINDS = ['record', 'name_email', 'name_phone'] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];

export interface SuppressionDigest {
  readonly kind: SuppressionKind;
  /** 64 hex characters. */
  readonly digest: string;
}

/** What a record says about who it is, as the vault stores it: normalized emails, E.164 phones. */
export interface RecordIdentity {
  /** The source's own key for the record (source_record.external_id). */
  readonly externalId: string;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly fullName: string | null;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
}

/** Separates the parts of a digested text; normalization removes control characters from every value. */
const UNIT = '\u001f';

/**
 * One form for every way a name is written: without accents, lower case, punctuation as spaces (Jean-Paul,
 * Jean Paul), and its words sorted, so "Tremblay Marie" is "Marie Tremblay".
 */
export function foldName(identity: Pick<RecordIdentity, 'givenName' | 'familyName' | 'fullName'>): string {
  const parts = identity.givenName || identity.familyName ? [identity.givenName, identity.familyName] : [identity.fullName];
  const text = parts
    .filter((part): part is string => Boolean(part))
    .join(' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
  return text.split(' ').filter(Boolean).sort().join(' ');
}

export function digestOf(secret: Buffer, text: string): string {
  return crypto.createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/** The record key's digest alone: what a row recognised by its key (unchanged since) can be checked with. */
export function recordKeyDigest(secret: Buffer, sourceId: number, externalId: string): string {
  return digestOf(secret, `${sourceId}${UNIT}${externalId}`);
}

/** Every digest a record gives, each once: its key, and its name with each email and each phone. */
export function recordDigests(secret: Buffer, input: RecordIdentity & { readonly sourceId: number }): SuppressionDigest[] {
  const digests: SuppressionDigest[] = [{ kind: 'record', digest: recordKeyDigest(secret, input.sourceId, input.externalId) }];
  const name = foldName(input);
  // Without a name an email or a phone could be anyone's in the household.
  if (name === '') return digests;
  for (const email of new Set(input.emails)) digests.push({ kind: 'name_email', digest: digestOf(secret, `${name}${UNIT}${email}`) });
  for (const phone of new Set(input.phones)) digests.push({ kind: 'name_phone', digest: digestOf(secret, `${name}${UNIT}${phone}`) });
  return digests;
}
