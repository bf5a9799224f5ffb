import { describe, expect, it } from 'vitest';
import type { RawRow } from '../types';
import { Mapping } from './fields';
import { headerTokens, suggestMapping } from './suggest';

const now = new Date('2026-11-24T12:00:00Z');
const rows = (...values: Record<string, unknown>[]): RawRow[] => values.map((row, index) => ({ line: index + 2, values: row }));
const fieldsOf = (mapping: Mapping) =>
  Object.fromEntries(mapping.columns.map((column) => [column.column, column.purpose ? `${column.field}:${column.purpose}` : column.field]));

describe('headerTokens', () => {
  it('is separator- and case-insensitive and folds accents', () => {
    expect(headerTokens('first_name')).toEqual(['first', 'name']);
    expect(headerTokens('firstName')).toEqual(['first', 'name']);
    expect(headerTokens('FIRST NAME')).toEqual(['first', 'name']);
    expect(headerTokens('Prénom')).toEqual(['prenom']);
    expect(headerTokens('Miejscowość')).toEqual(['miejscowosc']);
    expect(headerTokens('email2')).toEqual(['email', '2']);
    expect(headerTokens('N° client')).toEqual(['n', 'client']);
  });
});

describe('suggestMapping: header names', () => {
  it('maps a French (Quebec) customer export', () => {
    const mapping = suggestMapping(
      [
        'No client',
        'Prénom',
        'Nom',
        'Courriel',
        'Téléphone',
        'Cellulaire',
        'Adresse',
        'Ville',
        'Code postal',
        'Province',
        'Pays',
        'Date de naissance',
        'consentement_infolettre',
        'date_consentement_infolettre',
      ],
      [],
      { now },
    );
    expect(fieldsOf(mapping)).toEqual({
      'No client': 'sourceRecordId',
      Prénom: 'givenName',
      Nom: 'familyName',
      Courriel: 'email',
      Téléphone: 'phone',
      Cellulaire: 'phone',
      Adresse: 'street',
      Ville: 'city',
      'Code postal': 'postalCode',
      Province: 'region',
      Pays: 'country',
      'Date de naissance': 'birthDate',
      consentement_infolettre: 'consent.granted:newsletter',
      date_consentement_infolettre: 'consent.at:newsletter',
    });
    expect(mapping.recordKey).toBe('No client');
  });

  it('maps a Polish customer export', () => {
    const mapping = suggestMapping(
      [
        'id_klienta',
        'imię',
        'nazwisko',
        'adres e-mail',
        'telefon',
        'komórka',
        'ulica',
        'miejscowość',
        'kod_pocztowy',
        'województwo',
        'kraj',
        'data_urodzenia',
        'zgoda_marketing',
        'karta',
      ],
      [],
      { now },
    );
    expect(fieldsOf(mapping)).toEqual({
      id_klienta: 'sourceRecordId',
      imię: 'givenName',
      nazwisko: 'familyName',
      'adres e-mail': 'email',
      telefon: 'phone',
      komórka: 'phone',
      ulica: 'street',
      miejscowość: 'city',
      kod_pocztowy: 'postalCode',
      województwo: 'region',
      kraj: 'country',
      data_urodzenia: 'birthDate',
      zgoda_marketing: 'consent.granted:marketing',
    });
    expect(mapping.recordKey).toBe('id_klienta');
  });

  it('maps an English (California) export, with several emails and phones', () => {
    const mapping = suggestMapping(
      [
        'customer_id',
        'firstName',
        'LastName',
        'Email',
        'email_2',
        'Phone',
        'mobile',
        'Street Address',
        'City',
        'State',
        'ZIP',
        'Country',
        'DOB',
        'optin_email',
        'opt_out_sms',
      ],
      [],
      {
        defaultCountry: 'US',
        now,
      },
    );
    expect(fieldsOf(mapping)).toEqual({
      customer_id: 'sourceRecordId',
      firstName: 'givenName',
      LastName: 'familyName',
      Email: 'email',
      email_2: 'email',
      Phone: 'phone',
      mobile: 'phone',
      'Street Address': 'street',
      City: 'city',
      State: 'region',
      ZIP: 'postalCode',
      Country: 'country',
      DOB: 'birthDate',
      optin_email: 'consent.granted:email',
    });
    // An opt-out column means the opposite of a consent: left for the steward rather than mapped backwards.
    expect(mapping.columns.some((column) => column.column === 'opt_out_sms')).toBe(false);
    expect(mapping.defaultCountry).toBe('US');
  });

  it.each([
    ['first_name', 'givenName'],
    ['given name', 'givenName'],
    ['prenom', 'givenName'],
    ['imie', 'givenName'],
    ['surname', 'familyName'],
    ['nom_de_famille', 'familyName'],
    ['e-mail', 'email'],
    ['mail', 'email'],
    ['adresse courriel', 'email'],
    ['Customer Email', 'email'],
    ['tel', 'phone'],
    ['Téléphone principal', 'phone'],
    ['rue', 'street'],
    ['adres', 'street'],
    ['city', 'city'],
    ['zip', 'postalCode'],
    ['cp', 'postalCode'],
    ['code_postal', 'postalCode'],
    ['état', 'region'],
    ['pays', 'country'],
    ['language', 'language'],
    ['lang', 'language'],
    ['Langue', 'language'],
    ['langue_preferee', 'language'],
    ['Langue préférée', 'language'],
    ['preferred_language', 'language'],
    ['locale', 'language'],
    ['język', 'language'],
    ['ddn', 'birthDate'],
    ['date_de_naissance', 'birthDate'],
    ['numéro de client', 'sourceRecordId'],
    ['client_id', 'sourceRecordId'],
    ['full name', 'fullName'],
    ['imię i nazwisko', 'fullName'],
    ['nom complet', 'fullName'],
  ])('%s → %s', (header, field) => {
    expect(suggestMapping([header], [], { now }).columns).toEqual([{ column: header, field }]);
  });

  it('maps consent columns with the purpose from the rest of the name', () => {
    const mapping = suggestMapping(
      [
        'consent_marketing',
        'optin_email',
        'consentement_infolettre',
        'zgoda_marketing',
        'Zgoda na SMS',
        'opt-in partenaires',
        'consent_profiling_date',
        'consent',
      ],
      [],
      { now },
    );
    expect(fieldsOf(mapping)).toEqual({
      consent_marketing: 'consent.granted:marketing',
      optin_email: 'consent.granted:email',
      consentement_infolettre: 'consent.granted:newsletter',
      zgoda_marketing: 'consent.granted:marketing',
      'Zgoda na SMS': 'consent.granted:sms',
      'opt-in partenaires': 'consent.granted:partners',
      consent_profiling_date: 'consent.at:profiling',
      consent: 'consent.granted:general',
    });
  });

  it('maps a till export to events, the customer number to the record key and a bare id to the transaction', () => {
    const mapping = suggestMapping(['id', 'customer_id', 'transaction_id', 'date', 'amount', 'store', 'currency'], [], { now });
    expect(fieldsOf(mapping)).toEqual({
      customer_id: 'sourceRecordId',
      transaction_id: 'event.id',
      date: 'event.at',
      amount: 'event.amount',
      store: 'event.place',
      currency: 'event.currency',
    });
    expect(mapping.eventType).toBe('purchase');
    const french = suggestMapping(['id', 'no_client', 'date', 'montant', 'magasin'], [], { now });
    expect(fieldsOf(french)).toEqual({ id: 'event.id', no_client: 'sourceRecordId', date: 'event.at', montant: 'event.amount', magasin: 'event.place' });
    const polish = suggestMapping(['nr_karty', 'data', 'kwota', 'sklep', 'nr_paragonu'], [], { now });
    expect(fieldsOf(polish)).toEqual({ nr_karty: 'sourceRecordId', data: 'event.at', kwota: 'event.amount', sklep: 'event.place', nr_paragonu: 'event.id' });
    expect(polish.recordKey).toBe('nr_karty');
  });

  it('prefers the customer number over a loyalty card as record key', () => {
    const mapping = suggestMapping(['loyalty_card', 'customer_number', 'email'], [], { now });
    expect(mapping.recordKey).toBe('customer_number');
    expect(fieldsOf(mapping)).toEqual({ customer_number: 'sourceRecordId', email: 'email' });
  });

  it('falls back to the email column as record key', () => {
    expect(suggestMapping(['Nom', 'Courriel'], [], { now }).recordKey).toBe('Courriel');
  });

  it('leaves unknown and qualified-but-different headers unmapped', () => {
    expect(suggestMapping(['date_inscription', 'notes', 'segment', 'fax'], [], { now }).columns).toEqual([]);
  });
});

describe('suggestMapping: sample values', () => {
  it('chooses DD/MM/YYYY when only it reads every sample, MM/DD/YYYY in the opposite case', () => {
    const european = suggestMapping(['date', 'montant'], rows({ date: '25/12/2024', montant: '12,50' }, { date: '03/04/2024', montant: '8' }), { now });
    expect(european.dateFormat).toBe('DD/MM/YYYY');
    const american = suggestMapping(['date', 'amount'], rows({ date: '12/25/2024', amount: '12.50' }, { date: '03/04/2024', amount: '8' }), { now });
    expect(american.dateFormat).toBe('MM/DD/YYYY');
  });

  it('uses the country for dates every format reads (all days ≤ 12)', () => {
    const samples = rows({ date: '03/04/2024' }, { date: '05/06/2024' });
    expect(suggestMapping(['date'], samples, { now, defaultCountry: 'FR' }).dateFormat).toBe('DD/MM/YYYY');
    expect(suggestMapping(['date'], samples, { now, defaultCountry: 'US' }).dateFormat).toBe('MM/DD/YYYY');
  });

  it('reads a French till export’s day-first date-times and decimal commas', () => {
    const till = rows(
      { no_carte: 'C-1', date_achat: '28/07/2012 13:25', montant: '12,50', magasin: 'Lyon' },
      { no_carte: 'C-2', date_achat: '02/08/2012 9:05', montant: '1 234,00', magasin: 'Lyon' },
      { no_carte: 'C-1', date_achat: '03/08/2012 18:40', montant: '8', magasin: 'Paris' },
    );
    const mapping = suggestMapping(['no_carte', 'date_achat', 'montant', 'magasin'], till, { now, defaultCountry: 'FR' });
    expect(fieldsOf(mapping)).toMatchObject({ date_achat: 'event.at', montant: 'event.amount' });
    expect(mapping).toMatchObject({ dateFormat: 'DD/MM/YYYY HH:MM', decimal: ',', defaultCountry: 'FR' });
    // The zone stays implicit: it follows the country if the steward changes it.
    expect(mapping.timeZone).toBeUndefined();
  });

  it('reads a US export’s month-first date-times with AM/PM and decimal points', () => {
    const mapping = suggestMapping(
      ['customer_id', 'purchase_date', 'amount'],
      rows(
        { customer_id: '1', purchase_date: '7/28/2012 1:25 PM', amount: '1,234.50' },
        { customer_id: '2', purchase_date: '8/2/2012 9:05 AM', amount: '12.00' },
      ),
      { now, defaultCountry: 'US' },
    );
    expect(mapping).toMatchObject({ dateFormat: 'MM/DD/YYYY HH:MM', decimal: '.' });
  });

  it('detects ISO, dotted and compact date formats and the birth-date format separately', () => {
    const mapping = suggestMapping(
      ['data_urodzenia', 'data', 'kwota'],
      rows(
        { data_urodzenia: '12.03.1985', data: '2024-03-05T10:00:00+01:00', kwota: '1 234,50 zł' },
        { data_urodzenia: '01.12.1990', data: '2024-03-06T11:00:00Z', kwota: '12,00' },
      ),
      { now },
    );
    expect(mapping.birthDateFormat).toBe('DD.MM.YYYY');
    expect(mapping.dateFormat).toBe('iso');
    expect(mapping.decimal).toBe(',');
    expect(suggestMapping(['dob'], rows({ dob: '19850312' }), { now }).birthDateFormat).toBe('YYYYMMDD');
  });

  it('lets email-looking values decide over a misleading header', () => {
    const mapping = suggestMapping(
      ['Adresse', 'Contact'],
      rows({ Adresse: 'zoe@exemple.fr', Contact: 'Jan.Kowalski@poczta.onet.pl' }, { Adresse: 'marie@videotron.ca', Contact: 'anna@wp.pl' }),
      { now },
    );
    expect(fieldsOf(mapping)).toEqual({ Adresse: 'email', Contact: 'email' });
  });

  it('turns a purpose column with yes/no values into a consent', () => {
    const mapping = suggestMapping(['newsletter', 'sms'], rows({ newsletter: 'oui', sms: 'non' }, { newsletter: 'non', sms: 'tak' }), { now });
    expect(fieldsOf(mapping)).toEqual({ newsletter: 'consent.granted:newsletter', sms: 'consent.granted:sms' });
  });

  it('takes the default country from the samples when not given', () => {
    const mapping = suggestMapping(
      ['pays', 'tel'],
      rows({ pays: 'France', tel: '06 12 34 56 78' }, { pays: 'FR', tel: '01 23 45 67 89' }, { pays: 'Belgique', tel: '' }),
      { now },
    );
    expect(mapping.defaultCountry).toBe('FR');
    expect(suggestMapping(['email'], [], { now }).defaultCountry).toBe('CA');
  });

  it('maps nested JSON records, the events list and the consents list', () => {
    const mapping = suggestMapping(
      ['customer', 'orders', 'consents', 'addresses'],
      rows({
        customer: { id: 'C9', email: 'zoe@exemple.fr', name: 'Zoé Dupont', address: { city: 'Lyon', zip: '69001' } },
        orders: [{ id: 'O1', date: '2024-05-01T10:00:00+02:00', total: '12,50', store: { name: 'Lyon Part-Dieu' } }],
        consents: [{ purpose: 'marketing', granted: true, date: '2024-01-01' }],
        addresses: [{ city: 'Paris' }],
      }),
      { now, defaultCountry: 'FR' },
    );
    expect(fieldsOf(mapping)).toEqual({
      'customer.id': 'sourceRecordId',
      'customer.email': 'email',
      'customer.name': 'fullName',
      'customer.address.city': 'city',
      'customer.address.zip': 'postalCode',
      'orders[].id': 'event.id',
      'orders[].date': 'event.at',
      'orders[].total': 'event.amount',
      'orders[].store.name': 'event.place',
      'consents[].purpose': 'consent.purpose',
      'consents[].granted': 'consent.granted',
      'consents[].date': 'consent.at',
    });
    expect(mapping).toMatchObject({ recordKey: 'customer.id', eventsPath: 'orders', consentsPath: 'consents', dateFormat: 'iso', decimal: ',' });
  });

  it('always returns a valid, serializable mapping', () => {
    for (const headers of [[], [''], ['x'.repeat(600)], ['???'], ['a', 'a']]) {
      const mapping = suggestMapping(headers, [], { now });
      expect(Mapping.safeParse(JSON.parse(JSON.stringify(mapping))).success).toBe(true);
    }
  });
});

describe('suggestMapping: a web shop’s NDJSON export', () => {
  const shipTo = { name: 'Jean Roy', city: 'Laval', postal_code: 'H7N 1A1', country: 'CA' };
  const customer = (index: number, extra: Record<string, unknown> = {}) => ({
    customer_id: `wsg_1lgt47${index}`,
    email: `client${index}@videotron.ca`,
    name: { given: 'Amélie', family: 'Tremblay' },
    phone: '+1 514 555 014' + String(index),
    address: { line1: `${4520 + index} rue Saint-Denis`, line2: 'app. 3', city: 'Montréal', postal_code: 'H2X 1Y4', region: 'QC', country: 'CA' },
    ...extra,
  });
  const order = (index: number, extra: Record<string, unknown> = {}) => ({
    order_id: `o-${index}`,
    placed_at: `2024-03-0${index}T13:25:00-05:00`,
    total: `4${index}.50`,
    currency: 'CAD',
    status: 'fulfilled',
    ship_to: shipTo,
    ...extra,
  });
  const consents = [{ purpose: 'newsletter', granted: true, at: '2024-01-10T09:00:00-05:00' }];

  it('maps the nested name and address, the orders and the consents, and never the recipient', () => {
    const mapping = suggestMapping(
      ['customer_id', 'email', 'name', 'phone', 'address', 'orders', 'consents'],
      rows(
        customer(1, { orders: [order(1), order(2)], consents }),
        customer(2, { orders: [order(3, { gift: { recipient: { name: 'Zoé Roy', email: 'zoe.roy@exemple.fr' } } })], consents }),
      ),
      { now },
    );
    expect(fieldsOf(mapping)).toEqual({
      customer_id: 'sourceRecordId',
      email: 'email',
      'name.given': 'givenName',
      'name.family': 'familyName',
      phone: 'phone',
      'address.line1': 'street',
      'address.line2': 'street',
      'address.city': 'city',
      'address.postal_code': 'postalCode',
      'address.region': 'region',
      'address.country': 'country',
      'orders[].order_id': 'event.id',
      'orders[].placed_at': 'event.at',
      'orders[].total': 'event.amount',
      'orders[].currency': 'event.currency',
      'consents[].purpose': 'consent.purpose',
      'consents[].granted': 'consent.granted',
      'consents[].at': 'consent.at',
    });
    expect(mapping).toMatchObject({ recordKey: 'customer_id', eventsPath: 'orders', consentsPath: 'consents', dateFormat: 'iso' });
  });

  it('maps a full name given as name.full', () => {
    const mapping = suggestMapping(['customer_id', 'name'], rows({ customer_id: 'wsg_1', name: { full: 'Amélie Tremblay' } }), { now });
    expect(fieldsOf(mapping)).toEqual({ customer_id: 'sourceRecordId', 'name.full': 'fullName' });
  });

  it.each([
    [
      'created, amount, id',
      [
        { id: 1001, created: '2024-03-05T13:25:00Z', amount: 42.5, currency: 'CAD' },
        { id: 1002, created: '2024-04-01T09:00:00Z', amount: 18, currency: 'CAD' },
      ],
      { 'orders[].id': 'event.id', 'orders[].created': 'event.at', 'orders[].amount': 'event.amount', 'orders[].currency': 'event.currency' },
    ],
    [
      'date, total_price, number',
      [
        { number: 'WS-10023', date: '2024-03-05', total_price: '42.50', currency: 'CAD' },
        { number: 'WS-10024', date: '2024-03-06', total_price: '18.00', currency: 'CAD' },
      ],
      { 'orders[].number': 'event.id', 'orders[].date': 'event.at', 'orders[].total_price': 'event.amount', 'orders[].currency': 'event.currency' },
    ],
    [
      'timestamp, grand_total, an unnamed key and currency',
      [
        { key: 'ord_8f2k1', timestamp: '2024-03-05T13:25:00+01:00', subtotal: '40.00', grand_total: '42.50', cur: 'EUR', updated_at: '2024-05-01T00:00:00Z' },
        { key: 'ord_9a7b2', timestamp: '2024-03-09T10:00:00+01:00', subtotal: '16.00', grand_total: '18.00', cur: 'EUR', updated_at: '2024-05-02T00:00:00Z' },
      ],
      { 'orders[].key': 'event.id', 'orders[].timestamp': 'event.at', 'orders[].grand_total': 'event.amount', 'orders[].cur': 'event.currency' },
    ],
    [
      'payment one level deeper',
      [
        { ref: 'A-1', when: '2024-03-05T13:25:00Z', payment: { value: '42.50', code: 'CAD' }, shipping: { name: 'Jean Roy', city: 'Laval' } },
        { ref: 'A-2', when: '2024-03-06T13:25:00Z', payment: { value: '18.00', code: 'CAD' }, shipping: { name: 'Jean Roy', city: 'Laval' } },
      ],
      { 'orders[].ref': 'event.id', 'orders[].when': 'event.at', 'orders[].payment.value': 'event.amount', 'orders[].payment.code': 'event.currency' },
    ],
  ])('maps orders with %s from their names and values', (_label, orders, expected) => {
    const mapping = suggestMapping(['customer_id', 'orders'], rows({ customer_id: 'wsg_1', orders }), { now });
    expect(fieldsOf(mapping)).toEqual({ customer_id: 'sourceRecordId', ...expected });
    expect(mapping.eventsPath).toBe('orders');
  });

  it.each(['visits', 'bookings', 'reservations'])('treats a list of %s as events', (list) => {
    const mapping = suggestMapping(
      ['customer_id', list],
      rows({
        customer_id: 'wsg_1',
        [list]: [
          { code: 'V-31', visited: '2024-03-05T10:00:00-05:00', location: 'Montréal Centre', guest: { name: 'Jean Roy' } },
          { code: 'V-32', visited: '2024-04-05T10:00:00-05:00', location: 'Laval', guest: { name: 'Jean Roy' } },
        ],
      }),
      { now },
    );
    expect(fieldsOf(mapping)).toEqual({
      customer_id: 'sourceRecordId',
      [`${list}[].code`]: 'event.id',
      [`${list}[].visited`]: 'event.at',
      [`${list}[].location`]: 'event.place',
    });
    expect(mapping.eventsPath).toBe(list);
  });

  it('recognises an unnamed list of orders from its dates and amounts', () => {
    const mapping = suggestMapping(
      ['customer_id', 'activity', 'addresses'],
      rows({
        customer_id: 'wsg_1',
        activity: [{ at: '2024-03-05T10:00:00Z', sum: '12.50' }],
        addresses: [{ city: 'Paris', updated_at: '2024-03-05T10:00:00Z' }],
      }),
      { now },
    );
    expect(fieldsOf(mapping)).toEqual({ customer_id: 'sourceRecordId', 'activity[].at': 'event.at', 'activity[].sum': 'event.amount' });
  });

  it('never maps a third party’s details as the customer’s, a place or any field', () => {
    const mapping = suggestMapping(
      ['customer_id', 'email', 'shipping', 'billing_contact', 'gift_recipient_email', 'orders'],
      rows({
        customer_id: 'wsg_1',
        email: 'amelie@videotron.ca',
        shipping: { name: 'Jean Roy', street: '1 rue Principale', city: 'Laval', phone: '+1 450 555 0100' },
        billing_contact: { first_name: 'Marc', last_name: 'Roy', email: 'marc.roy@exemple.ca' },
        gift_recipient_email: 'zoe.roy@exemple.fr',
        orders: [
          {
            id: 'o-1',
            date: '2024-03-05',
            total: '42.50',
            ship_to: { name: 'Jean Roy', city: 'Laval' },
            delivery: { address: { city: 'Laval' }, date: '2024-03-07' },
            recipient: { name: 'Zoé Roy', email: 'zoe.roy@exemple.fr' },
          },
        ],
      }),
      { now },
    );
    expect(fieldsOf(mapping)).toEqual({
      customer_id: 'sourceRecordId',
      email: 'email',
      'orders[].id': 'event.id',
      'orders[].date': 'event.at',
      'orders[].total': 'event.amount',
    });
  });
});

describe('a newsletter platform’s export', () => {
  it('maps its combined “ZIP/Postal Code” column', () => {
    const mapping = suggestMapping(
      ['Email Address', 'First Name', 'Last Name', 'ZIP/Postal Code'],
      [{ line: 2, values: { 'Email Address': 'ana@exemple.ca', 'First Name': 'Ana', 'Last Name': 'Lima', 'ZIP/Postal Code': 'H2X 1Y4' } }],
    );
    expect(mapping.columns).toContainEqual({ column: 'ZIP/Postal Code', field: 'postalCode' });
  });
});
