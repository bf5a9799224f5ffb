/**
 * The name and street material of the generator: small lists, most frequent first (the sampler weighs rank r
 * by 1/(r+1), a Zipf curve, so "Tremblay" and "Smith" recur the way common surnames do and make namesakes).
 * Common given names, surnames and generic street names only: nobody real is described.
 *
 * The cultures are those of a Montréal retailer with a Polish branch: Quebec French, English, Italian,
 * Spanish, Polish, Ukrainian and German families, each with its own naming habits (see population.ts).
 */

export type CultureName = 'fr' | 'en' | 'it' | 'es' | 'pl' | 'uk' | 'de';

export interface Culture {
  name: CultureName;
  male: readonly string[];
  female: readonly string[];
  surnames: readonly string[];
  /** Diminutives a person may go by on a loyalty card or a newsletter form. */
  nicknames: Readonly<Record<string, readonly string[]>>;
}

const words = (text: string): string[] => text.trim().split(/\s*,\s*/);

export const CULTURES: Readonly<Record<CultureName, Culture>> = {
  fr: {
    name: 'fr',
    male: words(
      'Jean, Pierre, Michel, André, Jacques, Daniel, Luc, Marc, François, Stéphane, Sylvain, Martin, Mathieu, Guillaume, Sébastien, Alexandre, Gabriel, Louis, Nicolas, Philippe, Jean-François, Jean-Philippe, Éric, Benoît, Frédéric, Olivier, Simon, Vincent, Maxime, Jérôme',
    ),
    female: words(
      'Marie, Julie, Isabelle, Nathalie, Sylvie, Chantal, Josée, Catherine, Geneviève, Véronique, Stéphanie, Mélanie, Marie-Ève, Marie-Claude, Anne-Marie, Valérie, Caroline, Émilie, Sophie, Amélie, Audrey, Karine, Johanne, Manon, Hélène, Lucie, Chloé, Léa, Camille, Élisabeth',
    ),
    surnames: words(
      'Tremblay, Gagnon, Roy, Côté, Bouchard, Gauthier, Morin, Lavoie, Fortin, Gagné, Ouellet, Pelletier, Bélanger, Lévesque, Bergeron, Leblanc, Paquette, Girard, Simard, Boucher, Caron, Beaulieu, Cloutier, Dubé, Poirier, Fournier, Lapointe, Leclerc, Lefebvre, Poulin, Thibault, St-Pierre, Nadeau, Martin, Landry, Martel, Bédard, Grenier, Lessard, Bernier',
    ),
    nicknames: {
      'Marie-Ève': ['Marie', 'Marie-Eve'],
      'Marie-Claude': ['Marie', 'MC'],
      'Anne-Marie': ['Anne'],
      'Jean-François': ['JF', 'Jean'],
      'Jean-Philippe': ['JP'],
      Stéphane: ['Steph'],
      Stéphanie: ['Steph'],
      Sébastien: ['Seb'],
      Frédéric: ['Fred'],
      Guillaume: ['Guigui'],
      Nicolas: ['Nico'],
      Alexandre: ['Alex'],
      Philippe: ['Phil'],
      Catherine: ['Cathy'],
      Véronique: ['Véro'],
      Caroline: ['Caro'],
      Valérie: ['Val'],
      Geneviève: ['Gen'],
      Isabelle: ['Isa'],
      Élisabeth: ['Élise', 'Babette'],
      Maxime: ['Max'],
      Amélie: ['Mély'],
    },
  },
  en: {
    name: 'en',
    male: words(
      'James, John, Robert, Michael, William, David, Richard, Joseph, Thomas, Charles, Christopher, Daniel, Matthew, Anthony, Andrew, Steven, Kenneth, Edward, Brian, Ronald, Timothy, Jonathan, Patrick, Peter, Benjamin, Samuel, Gregory, Nicholas, Alexander, Henry',
    ),
    female: words(
      'Mary, Patricia, Jennifer, Linda, Elizabeth, Barbara, Susan, Jessica, Sarah, Karen, Margaret, Nancy, Lisa, Betty, Sandra, Ashley, Kimberly, Emily, Donna, Michelle, Deborah, Rebecca, Katherine, Victoria, Abigail, Samantha, Pamela, Helen, Dorothy, Judith',
    ),
    surnames: words(
      'Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor, Thomas, Moore, Martin, Jackson, Thompson, White, Harris, Clark, Lewis, Robinson, Walker, Young, Allen, King, Wright, Scott, Hill, Green, Adams, Campbell, Mitchell, Roberts, Carter, Phillips, Evans, Turner, Parker, Collins, Edwards, Stewart, Murphy, MacDonald, Fraser',
    ),
    nicknames: {
      William: ['Bill', 'Will', 'Billy', 'Liam'],
      Robert: ['Bob', 'Rob', 'Bobby'],
      Richard: ['Rick', 'Dick'],
      James: ['Jim', 'Jimmy', 'Jamie'],
      John: ['Jack', 'Johnny'],
      Michael: ['Mike', 'Mick'],
      David: ['Dave'],
      Joseph: ['Joe'],
      Thomas: ['Tom', 'Tommy'],
      Charles: ['Charlie', 'Chuck'],
      Christopher: ['Chris'],
      Daniel: ['Dan', 'Danny'],
      Matthew: ['Matt'],
      Anthony: ['Tony'],
      Andrew: ['Andy', 'Drew'],
      Steven: ['Steve'],
      Kenneth: ['Ken', 'Kenny'],
      Edward: ['Ed', 'Ted', 'Eddie'],
      Ronald: ['Ron'],
      Timothy: ['Tim'],
      Patrick: ['Pat'],
      Peter: ['Pete'],
      Benjamin: ['Ben'],
      Samuel: ['Sam'],
      Gregory: ['Greg'],
      Nicholas: ['Nick'],
      Alexander: ['Alex'],
      Henry: ['Hank', 'Harry'],
      Elizabeth: ['Liz', 'Beth', 'Betty'],
      Margaret: ['Maggie', 'Peggy', 'Meg'],
      Katherine: ['Kate', 'Katie', 'Kathy'],
      Jennifer: ['Jen', 'Jenny'],
      Rebecca: ['Becky'],
      Susan: ['Sue'],
      Deborah: ['Debbie'],
      Patricia: ['Pat', 'Trish'],
      Victoria: ['Vicky'],
      Abigail: ['Abby'],
      Samantha: ['Sam'],
      Jessica: ['Jess'],
      Kimberly: ['Kim'],
      Pamela: ['Pam'],
      Judith: ['Judy'],
      Dorothy: ['Dot'],
    },
  },
  it: {
    name: 'it',
    male: words(
      'Giuseppe, Giovanni, Antonio, Mario, Luigi, Francesco, Angelo, Vincenzo, Pietro, Salvatore, Carlo, Domenico, Alessandro, Massimo, Roberto, Marco, Luca, Andrea, Stefano',
    ),
    female: words(
      'Maria, Anna, Giuseppina, Rosa, Angela, Giovanna, Teresa, Lucia, Carmela, Caterina, Francesca, Elisabetta, Margherita, Paola, Laura, Giulia, Chiara',
    ),
    surnames: words(
      'Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti, Di Stefano',
    ),
    nicknames: {
      Giuseppe: ['Beppe', 'Peppe', 'Pino'],
      Giovanni: ['Gianni'],
      Francesco: ['Franco'],
      Salvatore: ['Totò'],
      Vincenzo: ['Enzo'],
      Domenico: ['Mimmo'],
      Luigi: ['Gigi'],
      Alessandro: ['Sandro'],
      Giuseppina: ['Pina'],
      Margherita: ['Rita'],
      Elisabetta: ['Betta'],
    },
  },
  es: {
    name: 'es',
    male: words(
      'José, Antonio, Manuel, Francisco, Juan, David, José Luis, Javier, Jesús, Carlos, Alejandro, Miguel, Rafael, Pedro, Fernando, Eduardo, Ignacio, Enrique, Guillermo',
    ),
    female: words(
      'María, Carmen, Josefa, Isabel, Ana, Dolores, Pilar, Teresa, Rosa, Mercedes, Concepción, Lucía, Laura, Marta, Elena, Cristina, Rosario, Guadalupe',
    ),
    surnames: words(
      'García, Rodríguez, González, Fernández, López, Martínez, Sánchez, Pérez, Gómez, Martín, Jiménez, Ruiz, Hernández, Díaz, Moreno, Álvarez, Muñoz, Romero, Torres',
    ),
    nicknames: {
      José: ['Pepe'],
      Francisco: ['Paco', 'Pancho'],
      Manuel: ['Manolo'],
      Ignacio: ['Nacho'],
      Enrique: ['Quique'],
      Rafael: ['Rafa'],
      Guillermo: ['Memo'],
      Fernando: ['Nando'],
      Dolores: ['Lola'],
      Concepción: ['Concha'],
      Rosario: ['Charo'],
      Mercedes: ['Merche'],
      Guadalupe: ['Lupe'],
      Pilar: ['Pili'],
      Alejandro: ['Alex'],
      'José Luis': ['Pepelu'],
    },
  },
  pl: {
    name: 'pl',
    male: words(
      'Piotr, Krzysztof, Andrzej, Tomasz, Paweł, Jan, Michał, Marcin, Jakub, Adam, Marek, Łukasz, Grzegorz, Mateusz, Wojciech, Mariusz, Dariusz, Zbigniew, Maciej, Józef, Stanisław, Aleksander',
    ),
    female: words(
      'Anna, Katarzyna, Maria, Małgorzata, Agnieszka, Barbara, Ewa, Krystyna, Elżbieta, Magdalena, Joanna, Aleksandra, Monika, Zofia, Teresa, Danuta, Dorota, Jadwiga, Beata, Marianna',
    ),
    // Masculine forms; a woman's is derived (-ski → -ska, see population.ts).
    surnames: words(
      'Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski, Mazur, Wojciechowski, Kwiatkowski, Krawczyk, Piotrowski, Grabowski, Nowakowski, Pawłowski, Michalski',
    ),
    nicknames: {
      Katarzyna: ['Kasia'],
      Małgorzata: ['Gosia', 'Małgosia'],
      Agnieszka: ['Aga'],
      Aleksandra: ['Ola'],
      Aleksander: ['Olek'],
      Anna: ['Ania'],
      Joanna: ['Asia'],
      Magdalena: ['Magda'],
      Elżbieta: ['Ela'],
      Barbara: ['Basia'],
      Krzysztof: ['Krzyś'],
      Wojciech: ['Wojtek'],
      Stanisław: ['Staś'],
      Jan: ['Janek'],
      Piotr: ['Piotrek'],
      Tomasz: ['Tomek'],
      Grzegorz: ['Grześ'],
      Maciej: ['Maciek'],
      Józef: ['Józek'],
      Zbigniew: ['Zbyszek'],
      Zofia: ['Zosia'],
      Jadwiga: ['Jadzia'],
    },
  },
  uk: {
    name: 'uk',
    male: words('Oleksandr, Andriy, Serhiy, Volodymyr, Mykola, Dmytro, Oleksiy, Yuriy, Vasyl, Ivan, Petro, Mykhailo, Yevhen'),
    female: words('Olena, Tetiana, Nataliia, Iryna, Oksana, Kateryna, Yuliia, Halyna, Liudmyla, Anastasiia, Oleksandra'),
    surnames: words(
      'Melnyk, Shevchenko, Boyko, Kovalenko, Bondarenko, Tkachenko, Kovalchuk, Kravchenko, Oliynyk, Shevchuk, Koval, Polishchuk, Bondar, Moroz, Marchenko, Lysenko, Rudenko, Savchenko, Petrenko',
    ),
    nicknames: {
      Oleksandr: ['Olexandr', 'Sasha'],
      Volodymyr: ['Volodya', 'Vova'],
      Mykola: ['Kolya'],
      Serhiy: ['Serhii', 'Sergiy'],
      Andriy: ['Andrii'],
      Dmytro: ['Dima'],
      Oleksiy: ['Oleksii'],
      Yevhen: ['Yevgen', 'Zhenya'],
      Mykhailo: ['Misha'],
      Yuriy: ['Yurii', 'Yura'],
      Ivan: ['Vanya'],
      Tetiana: ['Tetyana', 'Tanya'],
      Nataliia: ['Natalia', 'Natasha'],
      Olena: ['Lena'],
      Kateryna: ['Katya'],
      Iryna: ['Ira'],
      Yuliia: ['Yulia'],
      Anastasiia: ['Nastya'],
      Halyna: ['Halia'],
      Oleksandra: ['Sasha'],
    },
  },
  de: {
    name: 'de',
    male: words(
      'Hans, Peter, Wolfgang, Klaus, Michael, Thomas, Andreas, Stefan, Jürgen, Werner, Friedrich, Heinrich, Wilhelm, Johannes, Matthias, Ulrich, Bernhard, Dieter',
    ),
    female: words('Ursula, Monika, Petra, Sabine, Renate, Helga, Karin, Susanne, Katharina, Elisabeth, Margarete, Andrea, Claudia, Gertrud, Christiane'),
    surnames: words(
      'Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann',
    ),
    nicknames: {
      Johannes: ['Hans'],
      Friedrich: ['Fritz'],
      Wilhelm: ['Willi'],
      Heinrich: ['Heinz'],
      Matthias: ['Matze'],
      Ulrich: ['Ulli'],
      Bernhard: ['Bernd'],
      Katharina: ['Kathi'],
      Margarete: ['Grete'],
      Elisabeth: ['Liesel'],
      Susanne: ['Susi'],
      Gertrud: ['Trude'],
      Thomas: ['Tom'],
      Michael: ['Micha'],
    },
  },
};

/** Where a culture's households live: the Polish ones mostly in Poland, everyone else around Montréal. */
export interface City {
  name: string;
  region: string;
  country: 'ca' | 'pl';
  /** Postal codes are this prefix plus random characters in the country's pattern. */
  postalPrefixes: readonly string[];
  /** Telephone area codes (Canada) or the first digits of a Polish number. */
  areaCodes: readonly string[];
}

export const CITIES: readonly City[] = [
  { name: 'Montréal', region: 'QC', country: 'ca', postalPrefixes: ['H1A', 'H2X', 'H2J', 'H3H', 'H4A', 'H3Z', 'H1V', 'H2G'], areaCodes: ['514', '438'] },
  { name: 'Laval', region: 'QC', country: 'ca', postalPrefixes: ['H7A', 'H7N', 'H7T'], areaCodes: ['450', '579'] },
  { name: 'Québec', region: 'QC', country: 'ca', postalPrefixes: ['G1R', 'G1S', 'G2B'], areaCodes: ['418', '581'] },
  { name: 'Longueuil', region: 'QC', country: 'ca', postalPrefixes: ['J4H', 'J4K'], areaCodes: ['450'] },
  { name: 'Gatineau', region: 'QC', country: 'ca', postalPrefixes: ['J8T', 'J9H'], areaCodes: ['819'] },
  { name: 'Sherbrooke', region: 'QC', country: 'ca', postalPrefixes: ['J1H', 'J1J'], areaCodes: ['819'] },
  { name: 'Ottawa', region: 'ON', country: 'ca', postalPrefixes: ['K1P', 'K2A', 'K1S'], areaCodes: ['613', '343'] },
  { name: 'Toronto', region: 'ON', country: 'ca', postalPrefixes: ['M5V', 'M4C', 'M6H', 'M2N'], areaCodes: ['416', '647'] },
  { name: 'Warszawa', region: 'MZ', country: 'pl', postalPrefixes: ['00', '01', '02', '03'], areaCodes: ['22', '50', '60', '69'] },
  { name: 'Kraków', region: 'MA', country: 'pl', postalPrefixes: ['30', '31'], areaCodes: ['12', '51', '66'] },
  { name: 'Gdańsk', region: 'PM', country: 'pl', postalPrefixes: ['80'], areaCodes: ['58', '53'] },
];

/** Street names per country, most frequent first; the street type comes with its long and short forms. */
export interface StreetType {
  long: string;
  short: readonly string[];
  /** French and Polish put the type before the name, English after it. */
  before: boolean;
}

export const STREET_TYPES: Readonly<Record<'fr' | 'en' | 'pl', readonly StreetType[]>> = {
  fr: [
    { long: 'rue', short: ['r.', 'rue'], before: true },
    { long: 'avenue', short: ['av.', 'ave'], before: true },
    { long: 'boulevard', short: ['boul.', 'bd'], before: true },
    { long: 'chemin', short: ['ch.'], before: true },
    { long: 'place', short: ['pl.'], before: true },
  ],
  en: [
    { long: 'Street', short: ['St', 'St.'], before: false },
    { long: 'Avenue', short: ['Ave', 'Av.'], before: false },
    { long: 'Road', short: ['Rd'], before: false },
    { long: 'Drive', short: ['Dr'], before: false },
    { long: 'Crescent', short: ['Cres'], before: false },
    { long: 'Court', short: ['Ct'], before: false },
  ],
  pl: [
    { long: 'ulica', short: ['ul.', ''], before: true },
    { long: 'aleja', short: ['al.'], before: true },
    { long: 'osiedle', short: ['os.'], before: true },
  ],
};

export const STREET_NAMES: Readonly<Record<'fr' | 'en' | 'pl', readonly string[]>> = {
  fr: words(
    "Principale, des Érables, Saint-Jean, des Pins, Champlain, Laurier, de l'Église, du Moulin, Notre-Dame, Saint-Joseph, des Lilas, du Lac, Papineau, Cartier, des Bouleaux, de la Montagne, Sainte-Catherine, du Parc, des Cèdres, Beaubien, de la Gare, des Saules, Fleury, Bellevue",
  ),
  en: words(
    'Maple, Oak, Elm, Cedar, Pine, Church, King, Queen, Victoria, Park, Lake, Hill, Mill, Spring, Birch, Willow, Main, Forest, Sunset, Ridge, Meadow, River',
  ),
  pl: words(
    'Długa, Krótka, Polna, Leśna, Słoneczna, Ogrodowa, Lipowa, Kościuszki, Mickiewicza, Sienkiewicza, Kwiatowa, Szkolna, Parkowa, Łąkowa, Zielona, Brzozowa',
  ),
};

/** Email domains by country, most used first. */
export const EMAIL_DOMAINS: Readonly<Record<'ca' | 'pl', readonly string[]>> = {
  ca: ['gmail.com', 'hotmail.com', 'outlook.com', 'videotron.ca', 'yahoo.ca', 'bell.net', 'icloud.com', 'sympatico.ca'],
  pl: ['gmail.com', 'wp.pl', 'onet.pl', 'o2.pl', 'interia.pl'],
};
