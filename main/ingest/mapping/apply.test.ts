import { describe, expect, it } from 'vitest';
import type { RawRow } from '../types';
import { applyMapping } from './apply';
import { Mapping } from './fields';
import { suggestMapping } from './suggest';

const now = new Date('2026-11-24T12:00:00Z');
const row = (values: Record<string, unknown>, line = 2): RawRow => ({ line, values });

const quebec = Mapping.parse({
  version: 1,
  recordKey: 'No. client',
  dateFormat: 'DD/MM/YYYY',
  birthDateFormat: 'YYYY-MM-DD',
  defaultCountry: 'CA',
  columns: [
    { column: 'No. client', field: 'sourceRecordId' },
    { column: 'Prénom', field: 'givenName' },
    { column: 'Nom', field: 'familyName' },
    { column: 'Courriel', field: 'email' },
    { column: 'Courriel 2', field: 'email' },
    { column: 'Téléphone', field: 'phone' },
    { column: 'Cellulaire', field: 'phone' },
    { column: 'No civique', field: 'street' },
    { column: 'Rue', field: 'street' },
    { column: 'Ville', field: 'city' },
    { column: 'Code postal', field: 'postalCode' },
    { column: 'Province', field: 'region' },
    { column: 'Pays', field: 'country' },
    { column: 'Naissance', field: 'birthDate' },
    { column: 'Infolettre', field: 'consent.granted', purpose: 'newsletter' },
    { column: 'Date infolettre', field: 'consent.at', purpose: 'newsletter' },
    { column: 'SMS', field: 'consent.granted', purpose: 'sms' },
  ],
});

const helene = {
  'No. client': ' C-1001 ',
  Prénom: 'Hélène',
  Nom: "D'Amours",
  Courriel: 'Helene.DAmours@Videotron.CA',
  'Courriel 2': 'helene.damours@videotron.ca',
  Téléphone: '514 555 0199',
  Cellulaire: '',
  'No civique': '1234',
  Rue: 'rue Saint-Denis',
  Ville: 'Montréal',
  'Code postal': 'h2x1y4',
  Province: 'QC',
  Pays: 'Canada',
  Naissance: '1980-12-25',
  Infolettre: 'oui',
  'Date infolettre': '03/04/2023',
  SMS: '',
};

describe('applyMapping', () => {
  it('maps and normalizes a Quebec customer row, keeping each raw value', () => {
    const result = applyMapping(row(helene), quebec, { now });
    expect(result).toEqual({
      ok: true,
      kind: 'record',
      flags: [],
      record: {
        sourceRecordId: 'C-1001',
        identity: {
          givenName: { value: 'Hélène', raw: 'Hélène' },
          familyName: { value: "D'Amours", raw: "D'Amours" },
          emails: [{ value: 'helene.damours@videotron.ca', raw: 'Helene.DAmours@Videotron.CA' }],
          phones: [{ value: '+15145550199', raw: '514 555 0199' }],
          street: { value: '1234, rue Saint-Denis', raw: '1234\nrue Saint-Denis' },
          city: { value: 'Montréal', raw: 'Montréal' },
          postalCode: { value: 'H2X 1Y4', raw: 'h2x1y4' },
          region: { value: 'QC', raw: 'QC' },
          country: { value: 'CA', raw: 'Canada' },
          birthDate: { value: '1980-12-25', raw: '1980-12-25' },
        },
        // Blank SMS consent: no observation, not a refusal.
        consents: [{ purpose: 'newsletter', granted: true, at: '2023-04-03', raw: 'oui' }],
        events: [],
      },
    });
  });

  it('keeps a person without a customer number under a key of their own, and flags the missing number', () => {
    const keyMissing = { field: 'sourceRecordId', column: 'No. client', detail: { code: 'keyMissing', params: { column: 'No. client' } } };
    expect(applyMapping(row({ ...helene, 'No. client': '  ' }, 7), quebec, { now })).toMatchObject({
      ok: true,
      kind: 'record',
      record: { sourceRecordId: '~email:helene.damours@videotron.ca', identity: { givenName: { value: 'Hélène' } } },
      flags: [keyMissing],
    });
    const zoe = applyMapping(row({ Prénom: 'Zoé' }, 8), quebec, { now });
    expect(zoe).toMatchObject({ ok: true, kind: 'record', record: { identity: { givenName: { value: 'Zoé' } } }, flags: [keyMissing] });
    // The same row imported again must find the same record: the key is derived from what identifies Zoé.
    const again = applyMapping(row({ Prénom: 'Zoé' }, 30), quebec, { now });
    expect(zoe.ok && zoe.kind === 'record' && again.ok && again.kind === 'record' && again.record.sourceRecordId === zoe.record.sourceRecordId).toBe(true);
    expect(zoe.ok && zoe.kind === 'record' && zoe.record.sourceRecordId).toMatch(/^~row:/);
  });

  it('rejects, with its line, only a row where nothing identifies anyone', () => {
    expect(applyMapping(row({ 'No. client': '', Ville: 'Laval', Province: 'QC' }, 9), quebec, { now })).toEqual({
      ok: false,
      kind: 'reject',
      line: 9,
      reasons: ['no customer number, name, email or phone: nothing identifies a person', 'no customer number in column No. client'],
      details: [
        { code: 'noIdentity', params: {} },
        { code: 'keyMissing', params: { column: 'No. client' } },
      ],
    });
  });

  it('never uses a card number Excel damaged as the key: many cards share the damaged text', () => {
    for (const damaged of ['6,03314E+15', '6.03314E+15']) {
      const result = applyMapping(row({ ...helene, 'No. client': damaged }), quebec, { now });
      expect(result).toMatchObject({
        ok: true,
        kind: 'record',
        record: { sourceRecordId: '~email:helene.damours@videotron.ca' },
        flags: [{ field: 'sourceRecordId', raw: damaged, detail: { code: 'keyDamaged' } }],
      });
    }
  });

  it('flags every bad value of a row and keeps the record with the rest', () => {
    const result = applyMapping(
      row({ ...helene, Courriel: 'helene@', Téléphone: '555 0199', Naissance: '1980-02-31', 'Code postal': '12345', Infolettre: 'peut-être' }, 9),
      quebec,
      { now },
    );
    expect(result.ok && result.kind === 'record').toBe(true);
    if (!result.ok || result.kind !== 'record') return;
    expect(result.flags.map((flag) => [flag.field, flag.reason, flag.raw])).toEqual([
      ['email', 'Courriel: not an email address: no domain after the @', 'helene@'],
      ['phone', 'Téléphone: not a valid phone number for CA', '555 0199'],
      ['postalCode', 'Code postal: not a valid postal code for Canada', '12345'],
      ['birthDate', 'Naissance: not a real calendar date', '1980-02-31'],
      ['consent.granted', 'Infolettre: not a yes/no value', 'peut-être'],
    ]);
    // One code per flag, for the interface to translate.
    expect(result.flags.map((flag) => flag.detail)).toEqual([
      { code: 'email', params: { column: 'Courriel' } },
      { code: 'phone', params: { column: 'Téléphone' } },
      { code: 'postalCode', params: { column: 'Code postal' } },
      { code: 'date', params: { column: 'Naissance' } },
      { code: 'consent', params: { column: 'Infolettre' } },
    ]);
    const { identity } = result.record;
    expect(identity.emails.map((email) => email.value)).toEqual(['helene.damours@videotron.ca']);
    expect(identity.phones).toEqual([]);
    expect(identity.postalCode).toBeUndefined();
    expect(identity.birthDate).toBeUndefined();
    expect(identity.givenName?.value).toBe('Hélène');
    // What search can still use: the bad address's text and the bad number's digits.
    expect(identity.unusable).toEqual(['helene@', '5550199']);
    expect(result.record.consents.filter((consent) => consent.purpose === 'newsletter')).toEqual([]);
  });

  it('never lets a bad value of one row affect the rows around it', () => {
    const rows = [
      row({ ...helene, 'No. client': 'C-1' }, 2),
      row({ ...helene, 'No. client': 'C-2', Courriel: 'x@localhost' }, 3),
      row({ ...helene, 'No. client': 'C-3' }, 4),
    ];
    const results = rows.map((item) => applyMapping(item, quebec, { now }));
    expect(results.map((result) => (result.ok && result.kind === 'record' ? result.flags.length : -1))).toEqual([0, 1, 0]);
    expect(results[1]).toMatchObject({ ok: true, flags: [{ reason: 'Courriel: not an email address: the domain has no dot' }] });
  });

  it('reads phones and postal codes in the row’s own country', () => {
    const result = applyMapping(row({ ...helene, Pays: 'France', Téléphone: '06 12 34 56 78', 'Code postal': '75 008' }), quebec, { now });
    expect(result).toMatchObject({
      ok: true,
      record: { identity: { phones: [{ value: '+33612345678', type: 'mobile' }], postalCode: { value: '75008' }, country: { value: 'FR' } } },
    });
  });

  it('keeps formula-looking values as data', () => {
    const result = applyMapping(row({ ...helene, Prénom: "=cmd|' /C calc'!A0", Nom: '@Dupont' }), quebec, { now });
    expect(result).toMatchObject({ ok: true, record: { identity: { givenName: { value: "=cmd|' /C calc'!A0" }, familyName: { value: '@Dupont' } } } });
  });

  it.each([
    ['yes', true],
    ['no', false],
    ['oui', true],
    ['non', false],
    ['tak', true],
    ['nie', false],
    ['true', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['y', true],
    ['n', false],
    ['x', true],
    [true, true],
    [0, false],
  ])('reads the consent value %s as %s', (value, granted) => {
    const result = applyMapping(row({ ...helene, SMS: value }), quebec, { now });
    expect(result.ok && result.kind === 'record' && result.record.consents.find((consent) => consent.purpose === 'sms')?.granted).toBe(granted);
  });

  it('splits a full name when there are no separate name columns, and splits cells holding several emails', () => {
    const mapping = suggestMapping(['customer_id', 'name', 'emails'], [], { now });
    const result = applyMapping(row({ customer_id: 42, name: 'Kowalski, Jan', emails: 'jan@wp.pl; Jan.Kowalski@poczta.onet.pl, jan@wp.pl' }), mapping, { now });
    expect(result).toEqual({
      ok: true,
      kind: 'record',
      flags: [],
      record: {
        sourceRecordId: '42',
        identity: {
          givenName: { value: 'Jan', raw: 'Kowalski, Jan' },
          familyName: { value: 'Kowalski', raw: 'Kowalski, Jan' },
          fullName: { value: 'Kowalski, Jan', raw: 'Kowalski, Jan' },
          emails: [
            { value: 'jan@wp.pl', raw: 'jan@wp.pl' },
            { value: 'jan.kowalski@poczta.onet.pl', raw: ' Jan.Kowalski@poczta.onet.pl' },
          ],
          phones: [],
        },
        consents: [],
        events: [],
      },
    });
  });

  it('uses the normalized email as the customer number when the email is the record key', () => {
    const mapping = suggestMapping(['Nom', 'Courriel'], [], { now });
    expect(applyMapping(row({ Nom: 'Tremblay', Courriel: ' Marie@Videotron.CA ' }), mapping, { now })).toMatchObject({
      ok: true,
      record: { sourceRecordId: 'marie@videotron.ca' },
    });
    // A bad address cannot be the key: the record is kept under one of its own, the address flagged.
    expect(applyMapping(row({ Nom: 'Tremblay', Courriel: 'marie@' }), mapping, { now })).toMatchObject({
      ok: true,
      record: { sourceRecordId: expect.stringMatching(/^~row:/), identity: { familyName: { value: 'Tremblay' }, unusable: ['marie@'] } },
      flags: [{ field: 'sourceRecordId', reason: 'Courriel: not an email address: no domain after the @' }],
    });
  });

  describe('events from a till export (one row per purchase)', () => {
    const mapping = suggestMapping(['nr_karty', 'nr_paragonu', 'data', 'kwota', 'sklep'], [], { now });
    const till = { ...mapping, dateFormat: 'DD.MM.YYYY' as const };

    it('maps a purchase with its amount, the currency written beside it, and its place', () => {
      expect(
        applyMapping(row({ nr_karty: 'K-77', nr_paragonu: 'P/2024/001', data: '05.03.2024', kwota: '1 234,50 zł', sklep: 'Kraków Galeria' }), till, { now }),
      ).toEqual({
        ok: true,
        kind: 'record',
        flags: [],
        record: {
          sourceRecordId: 'K-77',
          identity: { emails: [], phones: [] },
          consents: [],
          events: [
            {
              type: 'purchase',
              at: '2024-03-05',
              amount: 1234.5,
              currency: 'PLN',
              place: 'Kraków Galeria',
              externalId: 'P/2024/001',
              raw: { nr_paragonu: 'P/2024/001', data: '05.03.2024', kwota: '1 234,50 zł', sklep: 'Kraków Galeria' },
            },
          ],
        },
      });
    });

    it('keeps a purchase whose amount cannot be read, and holds one without a readable date on its flag', () => {
      expect(applyMapping(row({ nr_karty: 'K-77', kwota: '12,50' }, 5), till, { now })).toMatchObject({
        ok: true,
        record: { sourceRecordId: 'K-77', events: [] },
        flags: [{ field: 'event.at', reason: 'data: event without a date', detail: { code: 'eventNoDate', params: { column: 'data' } } }],
      });
      const result = applyMapping(row({ nr_karty: 'K-77', nr_paragonu: 'P-9', data: '2024-03-05', kwota: 'dwanaście' }, 6), till, { now });
      expect(result).toMatchObject({
        ok: true,
        record: { events: [] },
        flags: [
          { field: 'event.amount', reason: 'kwota: not an amount: unknown currency', raw: 'dwanaście' },
          // Everything else about the purchase waits on the flag for a correction of the date format.
          {
            field: 'event.at',
            reason: 'data: not a date in the format DD.MM.YYYY',
            raw: '2024-03-05',
            pendingEvent: { type: 'purchase', externalId: 'P-9', raw: { nr_paragonu: 'P-9', data: '2024-03-05', kwota: 'dwanaście' } },
          },
        ],
      });
      const amountOnly = applyMapping(row({ nr_karty: 'K-77', data: '05.03.2024', kwota: 'dwanaście' }, 7), till, { now });
      expect(amountOnly).toMatchObject({ ok: true, record: { events: [{ at: '2024-03-05', type: 'purchase' }] } });
      expect(amountOnly.ok && amountOnly.kind === 'record' && amountOnly.record.events[0]?.amount).toBeUndefined();
    });

    it('counts a sale with no card and no personal data as anonymous, and keys a cardless customer by the transaction', () => {
      expect(applyMapping(row({ nr_karty: '', nr_paragonu: 'P-1', data: '05.03.2024', kwota: '12,50' }), till, { now })).toEqual({
        ok: true,
        kind: 'anonymous',
      });
      const withName = { ...till, columns: [...till.columns, { column: 'imie', field: 'givenName' as const }] };
      expect(applyMapping(row({ nr_karty: '', imie: 'Ala', nr_paragonu: 'P-2', data: '05.03.2024', kwota: '12,50' }), withName, { now })).toMatchObject({
        ok: true,
        kind: 'record',
        record: { sourceRecordId: '~txn:P-2', identity: { givenName: { value: 'Ala' } } },
      });
    });

    it('applies the decimal hint of the mapping to ambiguous amounts', () => {
      const result = applyMapping(row({ nr_karty: 'K-1', data: '05.03.2024', kwota: '1.234' }), { ...till, decimal: ',' }, { now });
      expect(result.ok && result.kind === 'record' && result.record.events[0]?.amount).toBe(1234);
    });
  });

  describe('nested JSON', () => {
    const mapping = Mapping.parse({
      version: 1,
      recordKey: 'customer.id',
      dateFormat: 'iso',
      birthDateFormat: 'YYYY-MM-DD',
      defaultCountry: 'FR',
      eventsPath: 'orders',
      consentsPath: 'consents',
      eventType: 'purchase',
      columns: [
        { column: 'customer.id', field: 'sourceRecordId' },
        { column: 'customer.email', field: 'email' },
        { column: 'customer.phones[]', field: 'phone' },
        { column: 'customer.address.zip', field: 'postalCode' },
        { column: 'currency', field: 'event.currency' },
        { column: 'orders[].id', field: 'event.id' },
        { column: 'orders[].date', field: 'event.at' },
        { column: 'orders[].total', field: 'event.amount' },
        { column: 'orders[].store.name', field: 'event.place' },
        { column: 'consents[].purpose', field: 'consent.purpose' },
        { column: 'consents[].granted', field: 'consent.granted' },
        { column: 'consents[].date', field: 'consent.at' },
      ],
    });
    const record = {
      customer: { id: 9001, email: 'Zoe@Exemple.fr', phones: ['06 12 34 56 78', '+48 601 234 567'], address: { zip: '69 001' } },
      currency: 'EUR',
      orders: [
        { id: 'O-1', date: '2024-05-01T10:00:00+02:00', total: '12,50', store: { name: 'Lyon Part-Dieu' } },
        { id: 'O-2', date: '2024-05-03', total: 8 },
      ],
      consents: [
        { purpose: 'marketing', granted: 'oui', date: '2024-01-01' },
        { purpose: 'sms', granted: false },
      ],
    };

    it('maps nested objects, lists of values, nested events and nested consents', () => {
      expect(applyMapping(row(record), mapping, { now })).toEqual({
        ok: true,
        kind: 'record',
        flags: [],
        record: {
          sourceRecordId: '9001',
          identity: {
            emails: [{ value: 'zoe@exemple.fr', raw: 'Zoe@Exemple.fr' }],
            phones: [
              { value: '+33612345678', raw: '06 12 34 56 78', type: 'mobile' },
              { value: '+48601234567', raw: '+48 601 234 567', type: 'mobile' },
            ],
            postalCode: { value: '69001', raw: '69 001' },
          },
          consents: [
            { purpose: 'marketing', granted: true, at: '2024-01-01', raw: 'oui' },
            { purpose: 'sms', granted: false, at: null, raw: 'false' },
          ],
          events: [
            {
              type: 'purchase',
              at: '2024-05-01T08:00:00.000Z',
              amount: 12.5,
              currency: 'EUR',
              place: 'Lyon Part-Dieu',
              externalId: 'O-1',
              raw: {
                'orders[0].date': '2024-05-01T10:00:00+02:00',
                'orders[0].total': '12,50',
                currency: 'EUR',
                'orders[0].store.name': 'Lyon Part-Dieu',
                'orders[0].id': 'O-1',
              },
            },
            {
              type: 'purchase',
              at: '2024-05-03',
              amount: 8,
              currency: 'EUR',
              externalId: 'O-2',
              raw: { 'orders[1].date': '2024-05-03', 'orders[1].total': '8', currency: 'EUR', 'orders[1].id': 'O-2' },
            },
          ],
        },
      });
    });

    it('names the element of a nested list in flags', () => {
      const bad = { ...record, orders: [record.orders[0], { id: 'O-3', total: '8' }, 'oops'], consents: [{ granted: 'tak' }] };
      const result = applyMapping(row(bad, 12), mapping, { now });
      expect(result).toMatchObject({ ok: true, kind: 'record', record: { events: [{ externalId: 'O-1' }] } });
      expect(result.ok && result.kind === 'record' && result.flags.map((flag) => [flag.reason, flag.detail])).toEqual([
        ['consents[0]: consent without a purpose', { code: 'consentNoPurpose', params: { column: 'consents[0]' } }],
        ['orders[1]: event without a date', { code: 'eventNoDate', params: { column: 'orders[1]' } }],
        ['orders[2]: expected an object', { code: 'notObject', params: { column: 'orders[2]' } }],
      ]);
    });

    it('accepts a record without the lists, and flags a list that is not one', () => {
      expect(applyMapping(row({ customer: { id: 1 } }), mapping, { now })).toMatchObject({ ok: true, record: { events: [], consents: [] } });
      expect(applyMapping(row({ customer: { id: 1 }, orders: 'none' }), mapping, { now })).toMatchObject({
        ok: true,
        flags: [{ reason: 'orders: expected a list', detail: { code: 'notList', params: { column: 'orders' } } }],
      });
    });
  });

  it('gives the same identity JSON for the same person whatever the column order (the writer hashes it)', () => {
    const first = applyMapping(row(helene), quebec, { now });
    const reordered = Object.fromEntries(Object.entries(helene).reverse());
    const second = applyMapping(row(reordered), quebec, { now });
    expect(
      first.ok &&
        first.kind === 'record' &&
        second.ok &&
        second.kind === 'record' &&
        JSON.stringify(first.record.identity) === JSON.stringify(second.record.identity),
    ).toBe(true);
  });
});

describe('a third party inside an order', () => {
  it('keeps a gift recipient’s details with the event, marked as someone else’s, and never as the customer’s', () => {
    const mapping = Mapping.parse({
      version: 1,
      recordKey: 'customer_id',
      dateFormat: 'iso',
      birthDateFormat: 'YYYY-MM-DD',
      defaultCountry: 'CA',
      eventsPath: 'orders',
      columns: [
        { column: 'customer_id', field: 'sourceRecordId' },
        { column: 'name.given', field: 'givenName' },
        { column: 'orders[].order_id', field: 'event.id' },
        { column: 'orders[].placed_at', field: 'event.at' },
      ],
    });
    const result = applyMapping(
      row({
        customer_id: 'wsg_1',
        name: { given: 'Amélie' },
        orders: [{ order_id: 'o-1', placed_at: '2024-03-05T13:25:00-05:00', ship_to: { name: 'Jean Roy', city: 'Laval' } }],
      }),
      mapping,
      { now },
    );
    expect(result).toMatchObject({
      ok: true,
      record: {
        identity: { givenName: { value: 'Amélie' } },
        events: [
          { externalId: 'o-1', at: '2024-03-05T18:25:00.000Z', thirdParty: { 'orders[0].ship_to.name': 'Jean Roy', 'orders[0].ship_to.city': 'Laval' } },
        ],
      },
    });
    expect(JSON.stringify(result.ok && result.kind === 'record' && result.record.identity)).not.toContain('Jean');
  });
});

describe('phones a default country cannot explain', () => {
  it('reads the number’s own international prefix, flags a number Excel damaged as such, and keeps a national one’s digits for search', () => {
    const result = applyMapping(row({ ...helene, Téléphone: '0048 601 234 567', Cellulaire: '6,03314E+15' }), quebec, { now });
    expect(result).toMatchObject({
      ok: true,
      record: { identity: { phones: [{ value: '+48601234567' }] } },
      flags: [{ field: 'phone', raw: '6,03314E+15', detail: { code: 'excelDamaged', params: { column: 'Cellulaire' } } }],
    });
    // A damaged value's digits are not the number's: nothing of it goes to search.
    expect(result.ok && result.kind === 'record' && result.record.identity.unusable).toBeUndefined();
    const national = applyMapping(row({ ...helene, Téléphone: '601 234 567' }), quebec, { now });
    expect(national).toMatchObject({
      ok: true,
      record: { identity: { phones: [], unusable: ['601234567'] } },
      flags: [{ field: 'phone', detail: { code: 'phone' } }],
    });
  });
});
