/**
 * The words sources use for each field, in English, French and Polish, as they appear in column headers.
 * Phrases are written plainly (accents, spaces); they are compared after the same folding as headers
 * (`Prénom` = `prenom` = `PRENOM`), and separator-insensitively (`first_name` = `firstName` = `First Name`).
 * Extending the vocabulary is adding a phrase here: no code changes.
 */
import type { TargetField } from './fields';

type RowField = Exclude<TargetField, 'consent.granted' | 'consent.at' | 'consent.purpose'>;

/** Phrases per field, in priority order: on an equal match the earlier field wins. */
export const FIELD_PHRASES: readonly (readonly [RowField, readonly string[]])[] = [
  ['birthDate', ['birth date', 'date of birth', 'birthdate', 'birthday', 'dob', 'born', 'date de naissance', 'date naissance', 'naissance', 'ddn', 'data urodzenia', 'data ur', 'urodziny', 'urodzony', 'urodzona']],
  ['fullName', ['full name', 'fullname', 'name', 'customer name', 'client name', 'nom complet', 'nom et prénom', 'prénom et nom', 'prénom nom', 'nom prénom', 'imię i nazwisko', 'imię nazwisko', 'nazwisko i imię', 'nazwisko imię']],
  ['givenName', ['first name', 'firstname', 'given name', 'forename', 'prénom', 'imię', 'imiona']],
  ['familyName', ['last name', 'lastname', 'surname', 'family name', 'nom', 'nom de famille', 'nazwisko']],
  ['email', ['email', 'e-mail', 'mail', 'email address', 'courriel', 'adresse courriel', 'adresse email', 'adresse e-mail', 'adresse électronique', 'adres e-mail', 'adres email', 'poczta', 'poczta elektroniczna']],
  [
    'phone',
    [
      'phone',
      'phone number',
      'telephone',
      'tel',
      'mobile',
      'mobile phone',
      'cell',
      'cellphone',
      'cell phone',
      'téléphone',
      'cellulaire',
      'portable',
      'numéro de téléphone',
      'no de téléphone',
      'telefon',
      'numer telefonu',
      'nr telefonu',
      'nr tel',
      'komórka',
      'telefon komórkowy',
      'tel kom',
    ],
  ],
  ['postalCode', ['postal code', 'postcode', 'zip', 'zip code', 'zipcode', 'code postal', 'cp', 'kod pocztowy', 'kod']],
  [
    'street',
    [
      'address',
      'street',
      'street address',
      'address line',
      'adresse',
      'rue',
      'adresse postale',
      'numéro civique',
      'no civique',
      'civique',
      'complément d adresse',
      'appartement',
      'ulica',
      'ul',
      'adres',
      'adres zamieszkania',
      'nr domu',
      'numer domu',
      'nr mieszkania',
    ],
  ],
  ['city', ['city', 'town', 'locality', 'ville', 'municipalité', 'localité', 'miasto', 'miejscowość']],
  ['region', ['province', 'state', 'region', 'état', 'région', 'département', 'county', 'województwo']],
  ['country', ['country', 'country code', 'pays', 'code pays', 'kraj', 'państwo']],
  [
    'sourceRecordId',
    [
      'customer id',
      'customer number',
      'customer no',
      'customer code',
      'client id',
      'client number',
      'client no',
      'id client',
      'no client',
      'n client',
      'numéro client',
      'numéro de client',
      'code client',
      'account number',
      'account id',
      'member id',
      'member number',
      'id klienta',
      'nr klienta',
      'numer klienta',
      'kod klienta',
    ],
  ],
  ['event.id', ['transaction id', 'transaction', 'transaction number', 'transaction no', 'order id', 'order', 'order number', 'receipt', 'receipt number', 'invoice', 'invoice number', 'id transaction', 'no transaction', 'numéro de transaction', 'commande', 'no commande', 'numéro de commande', 'id commande', 'facture', 'no facture', 'numéro de facture', 'ticket', 'reçu', 'transakcja', 'id transakcji', 'nr transakcji', 'numer transakcji', 'zamówienie', 'nr zamówienia', 'numer zamówienia', 'paragon', 'nr paragonu', 'faktura', 'nr faktury']],
  ['event.at', ['date', 'datetime', 'date time', 'timestamp', 'transaction date', 'order date', 'purchase date', 'sale date', 'visit date', 'date transaction', 'date de transaction', 'date achat', 'date d achat', 'date commande', 'date de commande', 'date vente', 'date visite', 'date heure', 'horodatage', 'data', 'data transakcji', 'data zakupu', 'data zamówienia', 'data sprzedaży', 'data wizyty']],
  ['event.amount', ['amount', 'total', 'total amount', 'price', 'sum', 'montant', 'montant total', 'total ttc', 'prix', 'somme', 'kwota', 'suma', 'cena', 'wartość', 'kwota brutto']],
  ['event.currency', ['currency', 'currency code', 'devise', 'monnaie', 'waluta']],
  ['event.place', ['store', 'store name', 'store id', 'shop', 'location', 'branch', 'magasin', 'nom du magasin', 'boutique', 'succursale', 'lieu', 'point de vente', 'sklep', 'nazwa sklepu', 'oddział', 'punkt sprzedaży', 'placówka']],
  ['event.type', ['event type', 'type', 'transaction type', 'type de transaction', 'type d événement', 'type événement', 'typ', 'rodzaj', 'typ transakcji']],
];

/**
 * Customer-number columns rank before loyalty cards when a source has both: the recordKey is the
 * customer number, the card stays in the raw record. A bare `id` ranks last.
 */
export const LOYALTY_CARD_PHRASES = ['loyalty card', 'loyalty card number', 'loyalty number', 'card number', 'carte', 'carte fidélité', 'numéro de carte', 'no carte', 'karta', 'karta lojalnościowa', 'numer karty', 'nr karty'];
export const BARE_ID_PHRASES = ['id', 'identifier', 'identifiant', 'identyfikator'];

/** Inside a list of nested events, short names mean event fields. */
export const EVENT_ELEMENT_PHRASES: readonly (readonly [RowField, readonly string[]])[] = [
  ['event.id', ['id', 'number', 'no', 'nr', 'numéro', 'numer', 'ref', 'reference', 'référence']],
  ['event.type', ['kind', 'category', 'catégorie', 'kategoria']],
  ['event.place', ['place', 'name']],
];

/** Inside a list of nested consents. */
export const CONSENT_ELEMENT_PHRASES: readonly (readonly ['consent.purpose' | 'consent.granted' | 'consent.at', readonly string[]])[] = [
  ['consent.at', ['date', 'at', 'timestamp', 'time', 'granted at', 'given at', 'updated at', 'since', 'depuis', 'horodatage', 'data', 'czas', 'date consentement']],
  ['consent.purpose', ['purpose', 'finalité', 'cel', 'type', 'category', 'catégorie', 'name', 'nom', 'nazwa', 'channel', 'canal', 'kanał', 'topic']],
  ['consent.granted', ['granted', 'given', 'value', 'status', 'statut', 'état', 'state', 'consent', 'consentement', 'optin', 'opt in', 'accepted', 'accepté', 'zgoda', 'active', 'subscribed', 'choice', 'choix', 'wartość']],
];

/** Tokens that qualify a field without changing it: `Customer Email`, `Téléphone principal`, `email_2`. */
export const NEUTRAL_WORDS = [
  'customer',
  'customers',
  'client',
  'clients',
  'klient',
  'klienta',
  'contact',
  'kontakt',
  'kontaktowy',
  'person',
  'personne',
  'primary',
  'principal',
  'principale',
  'main',
  'home',
  'domicile',
  'maison',
  'work',
  'travail',
  'bureau',
  'office',
  'personal',
  'personnel',
  'personnelle',
  'perso',
  'pro',
  'professional',
  'professionnel',
  'professionnelle',
  'private',
  'privé',
  'prywatny',
  'prywatna',
  'służbowy',
  'służbowa',
  'główny',
  'główna',
  'domowy',
  'domowa',
  'de',
  'du',
  'des',
  'la',
  'le',
  'l',
  'd',
  'of',
  'the',
  'a',
  'en',
  'i',
  'w',
  'z',
  'na',
  'do',
  'number',
  'no',
  'nr',
  'numer',
  'numéro',
  'num',
  'n',
  'billing',
  'facturation',
  'shipping',
  'livraison',
  'dostawy',
  'wysyłki',
  'new',
  'nouveau',
  'nouvelle',
  'current',
  'actuel',
  'actuelle',
  'address',
  'adresse',
  'adres',
  'line',
  'ligne',
  'linia',
  'info',
  'dane',
];

/** A header with one of these is a consent column, whatever else it says (`optin_email` is not an email). */
export const CONSENT_WORDS = [
  'consent',
  'consents',
  'consentement',
  'consentements',
  'optin',
  'opt in',
  'zgoda',
  'zgody',
  'accord',
  'permission',
  'permissions',
  'subscribed',
  'subscription',
  'abonné',
  'abonnement',
  'autorisation',
  'acceptation',
  'rodo',
  'gdpr',
  'rgpd',
];

/**
 * Opt-out columns say the opposite of a consent (yes = refused). The mapping has no way to invert a
 * column, so they are left unmapped rather than mapped backwards.
 */
export const OPT_OUT_WORDS = ['opt out', 'optout', 'unsubscribed', 'unsubscribe', 'désabonné', 'désinscrit', 'désinscription', 'rezygnacja', 'wypisany', 'sprzeciw', 'do not contact', 'do not call', 'ne pas contacter'];

/** Words that make a consent column the date of the consent. */
export const DATE_WORDS = ['date', 'data', 'at', 'timestamp', 'time', 'horodatage', 'dt', 'when', 'czas', 'since', 'depuis'];

/** Purpose words → the purpose name suggested, so `infolettre`, `newsletter` and `biuletyn` agree. */
export const PURPOSE_WORDS: readonly (readonly [string, readonly string[]])[] = [
  ['marketing', ['marketing', 'marketingowa', 'marketingowe', 'publicité', 'pub', 'promotions', 'promotion', 'promo', 'reklama', 'advertising', 'commercial', 'commerciale', 'handlowa', 'handlowe', 'offers', 'offres', 'oferty']],
  ['newsletter', ['newsletter', 'infolettre', 'biuletyn', 'bulletin']],
  ['email', ['email', 'e mail', 'mail', 'courriel', 'emailing']],
  ['sms', ['sms', 'texto', 'text']],
  ['phone', ['phone', 'telephone', 'téléphone', 'telefon', 'appel', 'appels', 'calls', 'telemarketing', 'télémarketing']],
  ['post', ['post', 'postal', 'courrier', 'poczta tradycyjna']],
  ['profiling', ['profiling', 'profilage', 'profilowanie', 'personalisation', 'personalization', 'personnalisation']],
  ['partners', ['partners', 'partner', 'partenaires', 'partenaire', 'partnerzy', 'third party', 'tiers']],
  ['analytics', ['analytics', 'statistiques', 'analityka', 'statistics']],
];

/** Words that carry no purpose: `zgoda na marketing`, `consent for email`. */
export const PURPOSE_STOP_WORDS = ['for', 'to', 'pour', 'na', 'do', 'de', 'du', 'des', 'la', 'le', 'l', 'd', 'a', 'the', 'of', 'i', 'w', 'z', 'given', 'granted', 'flag', 'yn', 'status', 'statut', 'client', 'customer', 'klienta'];

/** Names of lists of nested events and consents in JSON exports. */
export const EVENT_LIST_WORDS = ['orders', 'order', 'purchases', 'purchase', 'transactions', 'transaction', 'events', 'visits', 'history', 'sales', 'receipts', 'commandes', 'achats', 'ventes', 'visites', 'historique', 'transakcje', 'zamowienia', 'zamówienia', 'zakupy', 'wizyty', 'historia'];
export const CONSENT_LIST_WORDS = ['consents', 'consent', 'consentements', 'permissions', 'optins', 'subscriptions', 'zgody', 'preferences', 'préférences'];
