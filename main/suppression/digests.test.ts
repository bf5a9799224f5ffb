import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { foldName, recordDigests, type RecordIdentity } from './digests';

const secret = Buffer.alloc(32, 7);
const marie: RecordIdentity & { sourceId: number } = {
  sourceId: 3,
  externalId: 'C-17',
  givenName: 'Marie-Ève',
  familyName: 'Tremblay',
  fullName: null,
  emails: ['famille.tremblay@exemple.ca'],
  phones: ['+15145550101'],
};
const digestsOf = (input: Partial<typeof marie>, key = secret) => recordDigests(key, { ...marie, ...input });
const byKind = (input: Partial<typeof marie>, kind: string, key = secret) =>
  digestsOf(input, key)
    .filter((digest) => digest.kind === kind)
    .map((digest) => digest.digest);

describe('suppression digests', () => {
  it('are keyed HMAC-SHA-256 in hex, one per key, email and phone, and the same every time', () => {
    const digests = digestsOf({});
    expect(digests.map((digest) => digest.kind)).toEqual(['record', 'name_email', 'name_phone']);
    for (const { digest } of digests) expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digestsOf({})).toEqual(digests);
    expect(digests[0]!.digest).toBe(crypto.createHmac('sha256', secret).update('3\u001fC-17').digest('hex'));
  });

  it('fold the name: accents, case, spaces, punctuation and word order do not matter', () => {
    expect(foldName({ givenName: 'Marie-Ève', familyName: 'Tremblay', fullName: null })).toBe('eve marie tremblay');
    const reference = byKind({}, 'name_email');
    expect(byKind({ givenName: null, familyName: null, fullName: 'TREMBLAY  Marie Eve' }, 'name_email')).toEqual(reference);
    expect(byKind({ givenName: 'Tremblay', familyName: 'Marie Ève' }, 'name_phone')).toEqual(byKind({}, 'name_phone'));
    // The full name stands in only when given and family names are absent.
    expect(byKind({ fullName: 'Someone Else' }, 'name_email')).toEqual(reference);
  });

  it('never pair an email or a phone with another name: a household member does not match', () => {
    expect(byKind({ givenName: 'Luc' }, 'name_email')).not.toEqual(byKind({}, 'name_email'));
    expect(byKind({ givenName: 'Luc' }, 'name_phone')).not.toEqual(byKind({}, 'name_phone'));
    // Without a name an email or a phone could be anyone's: only the record key is left.
    expect(digestsOf({ givenName: null, familyName: ' ', fullName: null }).map((digest) => digest.kind)).toEqual(['record']);
  });

  it('differ by secret, by source and by key', () => {
    const other = Buffer.alloc(32, 8);
    const mine = digestsOf({}).map((digest) => digest.digest);
    const theirs = digestsOf({}, other).map((digest) => digest.digest);
    for (const digest of theirs) expect(mine).not.toContain(digest);
    expect(byKind({ sourceId: 4 }, 'record')).not.toEqual(byKind({}, 'record'));
    expect(byKind({ externalId: 'C-18' }, 'record')).not.toEqual(byKind({}, 'record'));
    // Two emails, two digests; the same email twice, one.
    expect(byKind({ emails: ['a@exemple.ca', 'b@exemple.ca', 'a@exemple.ca'] }, 'name_email')).toHaveLength(2);
  });
});
