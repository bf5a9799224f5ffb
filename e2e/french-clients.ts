/**
 * A French `;` export as Quebec shops write them: accents, Polish letters, a comma decimal, and two rows
 * with a bad value, kept as records with that value flagged. Line 1 is the header: the bad email is on
 * line 4, the missing customer number on line 5.
 */
export const FRENCH_CLIENTS = [
  'No client;Prénom;Nom;Courriel;Téléphone;Ville;Code postal;Pays;Optin infolettre;Date achat;Montant',
  'C-001;Hélène;Tremblay;helene.tremblay@exemple.ca;(514) 555-0199;Montréal;H2X 1Y4;Canada;oui;05/03/2024;125,50',
  'C-002;Łukasz;Wójcik;lukasz.wojcik@przyklad.pl;+48 42 123 45 67;Łódź;90-001;Pologne;non;12/04/2024;89,90',
  'C-003;François;Gagné;francois.gagne@@exemple;514 555 0123;Québec;G1R 4P5;Canada;oui;01/02/2024;42,00',
  ';Zoé;Lefebvre;zoe.lefebvre@exemple.fr;01 42 68 53 00;Paris;75001;France;oui;15/01/2024;15,00',
  'C-005;Anaïs;Côté;anais.cote@exemple.ca;418 555 0142;Lévis;G6V 6N3;Canada;non;20/02/2024;230,00',
].join('\r\n');

/**
 * A line that names nobody and records nothing: since imports keep a row with a bad value as a record with
 * that value flagged (lines 4 and 5 above), the one kind of row still rejected. Appended as line 7.
 */
export const NOBODY_ROW = ';;;;;Paris;75001;France;;;';
