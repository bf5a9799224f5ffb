/**
 * A small two-source customer base for the identity tests: a CRM of 60 people and a web shop where 20 of
 * them come back with a nickname, a typo, another phone format or a missing field, plus households whose
 * members share an address, a landline and a family name but are different people.
 */
import fs from 'node:fs';
import path from 'node:path';

const GIVEN = [
  'Jean',
  'Marie',
  'Pierre',
  'Sophie',
  'Luc',
  'Julie',
  'Marc',
  'Isabelle',
  'Louis',
  'Catherine',
  'Michel',
  'Nathalie',
  'Alain',
  'Chantal',
  'Denis',
  'Sylvie',
  'Robert',
  'Lucie',
  'William',
  'Katarzyna',
];
const FAMILY = [
  'Tremblay',
  'Gagnon',
  'Roy',
  'Côté',
  'Bouchard',
  'Gauthier',
  'Morin',
  'Lavoie',
  'Fortin',
  'Gagné',
  'Ouellet',
  'Pelletier',
  'Bélanger',
  'Lévesque',
  'Bergeron',
  'Leblanc',
  'Paquette',
  'Girard',
  'Simard',
  'Boucher',
  'Caron',
  'Beaulieu',
  'Cloutier',
  'Dubé',
  'Poirier',
  'Fournier',
  'Lapointe',
  'Leclerc',
  'Lefebvre',
  'Poulin',
];
const STREETS = ['rue Saint-Denis', 'boulevard René-Lévesque', 'avenue du Parc', 'rue Sherbrooke', 'chemin de la Côte', 'rue Principale'];
const NICK: Readonly<Record<string, string>> = { William: 'Bill', Katarzyna: 'Kasia', Robert: 'Bob', Catherine: 'Cathy', Michel: 'Mike' };

export interface TestPerson {
  id: number;
  given: string;
  family: string;
  email: string;
  phone: string;
  birth: string;
  street: string;
  city: string;
  postal: string;
}

export function testPeople(): TestPerson[] {
  return Array.from({ length: 60 }, (_, n) => {
    const given = GIVEN[n % GIVEN.length] as string;
    const family = FAMILY[(n * 7) % FAMILY.length] as string;
    return {
      id: n + 1,
      given,
      family,
      email: `${given}.${family}${n}@exemple.ca`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(),
      phone: `514555${String(1000 + n * 37).padStart(4, '0')}`,
      birth: `19${50 + (n % 45)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + ((n * 3) % 28)).padStart(2, '0')}`,
      street: `${10 + n * 3} ${STREETS[n % STREETS.length]}`,
      city: n % 3 === 0 ? 'Laval' : 'Montréal',
      postal: `H${n % 9}A ${n % 10}B${(n * 3) % 10}`,
    };
  });
}

/** Writes crm.csv (everyone, plus each household's second member) and shop.csv (20 returning customers). */
export function writeTestSources(dir: string): { crm: string; shop: string; duplicates: number; doubtful: number; households: number } {
  const people = testPeople();
  const crm = ['id,first_name,last_name,email,phone,birth_date,street,city,postal_code'];
  for (const p of people) crm.push([`C${p.id}`, p.given, p.family, p.email, p.phone, p.birth, p.street, p.city, p.postal].join(','));
  // Households: a spouse of five customers, same family name, address, landline; own given name, birth date, email.
  const households = people.slice(40, 45);
  households.forEach((p, k) => {
    const spouse = GIVEN[(k * 5 + 3) % GIVEN.length] as string;
    crm.push(
      [`H${p.id}`, spouse, p.family, `${spouse.toLowerCase()}.${k}@famille.ca`, p.phone, `19${60 + k}-0${k + 1}-1${k}`, p.street, p.city, p.postal].join(','),
    );
  });
  const shop = ['no client,prénom,nom,courriel,téléphone,date de naissance,adresse,ville,code postal'];
  people.slice(0, 20).forEach((p, n) => {
    const given = n % 4 === 0 ? (NICK[p.given] ?? p.given) : p.given;
    const family = n % 5 === 1 ? p.family.slice(0, -1) + 'x' : p.family;
    const phone = n % 3 === 0 ? `(${p.phone.slice(0, 3)}) ${p.phone.slice(3, 6)}-${p.phone.slice(6)}` : p.phone;
    const email = n % 6 === 5 ? '' : p.email.toUpperCase();
    shop.push([`W${900 + n}`, given, family, email, phone, p.birth, n % 7 === 3 ? '' : p.street, p.city, p.postal].join(','));
  });
  // Doubtful: two shop customers known by their name and city alone (a namesake in town would look the same).
  for (const p of people.slice(50, 52)) shop.push([`W${950 + p.id}`, p.given, p.family, '', '', '', '', p.city, ''].join(','));
  const crmFile = path.join(dir, 'crm.csv');
  const shopFile = path.join(dir, 'shop.csv');
  fs.writeFileSync(crmFile, crm.join('\n') + '\n');
  fs.writeFileSync(shopFile, shop.join('\n') + '\n');
  return { crm: crmFile, shop: shopFile, duplicates: 20, doubtful: 2, households: households.length };
}
