/**
 * Nickname and diminutive groups: a person is "Bill" on a loyalty card and "William" on an invoice. Each line
 * is one group of folded forms (lower case, no accents, hyphens as spaces) that may name the same person;
 * a name can sit in several groups ("alex" is Alexander and Alexandra), so a match means "share a group".
 * Kept as data so that stewards can extend it and the same table can be loaded into SQL later.
 * Spelling variants that Jaro-Winkler already catches (Katherine/Catherine) are listed only when they are short
 * enough to fall below the similarity thresholds.
 */
const GROUPS: readonly string[] = [
  // English
  'william bill will billy willy liam willie',
  'robert bob rob robbie bobby bert',
  'richard rick dick rich ricky richie',
  'james jim jimmy jamie',
  'john jack johnny jon',
  'jonathan jon jonny',
  'joseph joe joey',
  'thomas tom tommy',
  'charles charlie chuck chas',
  'christopher chris kit topher',
  'christine chris chrissy christina tina kristine',
  'michael mike mick mickey mikey',
  'daniel dan danny',
  'david dave davy',
  'edward ed eddie ted ned teddy',
  'anthony tony',
  'andrew andy drew',
  'benjamin ben benny benji',
  'matthew matt matty',
  'nicholas nick nicky',
  'patrick pat paddy',
  'peter pete',
  'samuel sam sammy',
  'steven stephen steve stevie',
  'timothy tim timmy',
  'alexander alex alec sandy xander',
  'alexandra alex sandra sandy lexie',
  'elizabeth liz lizzie beth betty bess eliza libby elise',
  'margaret maggie meg peggy marge madge greta',
  'katherine catherine kate katie kathy cathy kat kitty',
  'jennifer jen jenny',
  'rebecca becky becca',
  'susan sue susie suzanne',
  'deborah debbie deb',
  'patricia pat patty tricia trish',
  'victoria vicky tori',
  'abigail abby gail',
  'samantha sam sammy',
  'jessica jess jessie',
  'kimberley kimberly kim',
  'jacqueline jackie jacqui',
  'frederick fred freddie',
  'gregory greg',
  'lawrence laurence larry',
  'raymond ray',
  'ronald ron ronnie',
  'donald don donnie',
  'kenneth ken kenny',
  'gerald gerry jerry',
  'harold harry hal',
  'henry harry hank',
  'leonard leo len lenny',
  'nathan nathaniel nate nat',
  'zachary zach zack',
  'douglas doug',
  'phillip philip phil',
  'dorothy dot dottie dolly',
  'eleanor ellie nora nell',
  'helen nell nellie',
  'theresa teresa terry tess',
  'pamela pam',
  'cynthia cindy',
  'barbara barb barbie',
  'judith judy jude',
  // French
  'jean baptiste jb',
  'jean francois jf',
  'jean philippe jp',
  'marie eve marie',
  'marie claude marie',
  'marie france marie',
  'marie josee marie',
  'marie pierre marie',
  'anne marie anne',
  'francois franck',
  'francoise francine fanfan',
  'guillaume guigui',
  'nicolas nico',
  'dominique dom',
  'stephane steph',
  'stephanie steph fanny',
  'christophe chris',
  'frederic fred',
  'frederique fred',
  'sebastien seb',
  'jerome jerem',
  'benoit ben',
  'mathieu mathis matt',
  'maximilien max maxime',
  'emmanuel manu',
  'emmanuelle manue',
  'philippe phil',
  'alexandre alex',
  'genevieve gen vivi',
  'isabelle isa babette',
  'elisabeth elise lisa babette',
  'catherine cathy cath',
  'veronique vero',
  'caroline caro',
  'valerie val',
  'sylvie syl',
  'josephine josie fifi',
  'jacques jacquot',
  'louis loulou',
  'therese tess',
  'gabrielle gaby',
  'gabriel gaby gabi',
  'amelie mely',
  // Polish
  'katarzyna kasia kaska kasienka',
  'malgorzata gosia malgosia',
  'agnieszka aga agusia',
  'aleksandra ola ala olka',
  'aleksander olek alek',
  'anna ania anka',
  'joanna asia joasia',
  'magdalena magda',
  'elzbieta ela',
  'barbara basia',
  'dorota dora',
  'ewa ewka',
  'krzysztof krzys',
  'wojciech wojtek',
  'stanislaw stas stasiek',
  'andrzej jedrek',
  'jan janek jas',
  'piotr piotrek',
  'pawel pawelek',
  'tomasz tomek',
  'michal michalek',
  'grzegorz grzes',
  'maciej maciek',
  'lukasz lukaszek',
  'jozef jozek',
  'zbigniew zbyszek',
  'mariusz marek',
  'jadwiga jadzia',
  'zofia zosia',
  'marianna marysia',
  'maria marysia',
  // Spanish
  'francisco paco pancho curro',
  'jose pepe chema',
  'jose maria chema',
  'jose luis pepelu',
  'manuel manolo manu',
  'antonio toni tono',
  'ignacio nacho',
  'guillermo memo guille',
  'alejandro alex ale',
  'enrique quique',
  'roberto beto',
  'eduardo lalo edu',
  'fernando nando',
  'rafael rafa',
  'jesus chucho chuy',
  'dolores lola',
  'concepcion concha conchita',
  'rosario charo',
  'mercedes merche',
  'guadalupe lupe',
  'consuelo chelo',
  'pilar pili',
  'isabel chabela isa',
  'maria jose majo',
  // Italian
  'giuseppe beppe peppe pino',
  'giovanni gianni nanni vanni',
  'francesco franco checco',
  'salvatore toto turi',
  'vincenzo enzo',
  'alessandro sandro ale',
  'roberto robi',
  'massimiliano max massimo',
  'domenico mimmo',
  'antonio tonino',
  'luigi gigi',
  'pietro piero',
  'margherita rita',
  'giuseppina pina peppina',
  'francesca franca',
  'elisabetta betta elisa',
  'caterina rina',
  // German
  'johannes hans johann jo',
  'wolfgang wolf',
  'friedrich fritz',
  'wilhelm willi',
  'heinrich heinz',
  'dietrich dieter',
  'matthias matze',
  'ulrich ulli',
  'bernhard bernd',
  'katharina kathi katrin',
  'margarete grete gretel',
  'elisabeth lisbeth liesel',
  'susanne susi',
  'christiane christa',
  'gertrud trude',
  'walburga walli',
  // Ukrainian (common transliterations; Oleksandr/Olexandr are close enough for Jaro-Winkler, Sasha is not)
  'oleksandr olexandr sasha sashko alexander',
  'oleksandra olexandra sasha',
  'volodymyr volodia vova volodya vladimir',
  'mykola kolia kolya nikolai',
  'serhiy serhii sergiy serhij serhii serezha',
  'andriy andrii andrij andrew',
  'dmytro dima dmitro',
  'oleksiy oleksii olexiy lesha',
  'yevhen yevgen evhen zhenya eugene',
  'mykhailo mykhaylo misha michael',
  'yuriy yurii yura',
  'vasyl vasia',
  'ivan vanya',
  'petro petrus',
  'tetiana tetyana tania tanya',
  'nataliia natalia natalya natasha',
  'olena olenka lena',
  'kateryna katia katya',
  'iryna ira',
  'liudmyla lyudmila liuda luda',
  'yuliia yulia yuliya',
  'oksana oksanka',
  'anastasiia anastasia nastia nastya',
  'halyna galina halia',
];

/** Compound first names written with a space once folded (Marie-Ève → "marie eve"). */
const COMPOUNDS = [
  'jean baptiste',
  'jean francois',
  'jean philippe',
  'marie eve',
  'marie claude',
  'marie france',
  'marie josee',
  'marie pierre',
  'anne marie',
  'jose maria',
  'jose luis',
  'maria jose',
];

function splitGroup(line: string): string[] {
  let rest = ` ${line} `;
  const names: string[] = [];
  for (const compound of COMPOUNDS) {
    if (rest.includes(` ${compound} `)) {
      names.push(compound);
      rest = rest.replace(` ${compound} `, ' ');
    }
  }
  return [...names, ...rest.split(' ').filter((word) => word !== '')];
}

/** Name → indices of the groups it belongs to. Built once. */
const INDEX: ReadonlyMap<string, readonly number[]> = (() => {
  const index = new Map<string, number[]>();
  GROUPS.forEach((line, group) => {
    // Every entry is one word, except the compound given names listed in COMPOUNDS ("marie eve").
    for (const name of splitGroup(line)) {
      const list = index.get(name) ?? [];
      if (!list.includes(group)) list.push(group);
      index.set(name, list);
    }
  });
  return index;
})();

/** The first (full) name of each group. */
const CANONICAL: readonly string[] = GROUPS.map((line) => splitGroup(line)[0] as string);

/** The groups of a folded given name (empty when the table does not know it). */
export function nicknameGroups(folded: string): readonly number[] {
  return INDEX.get(folded) ?? [];
}

/** The first name of the first group a folded given name belongs to ("bill" → "william"); itself when none. */
export function canonicalGiven(folded: string): string {
  const groups = INDEX.get(folded);
  return groups === undefined ? folded : (CANONICAL[groups[0] as number] as string);
}

/** True when two folded given names are listed as forms of the same name. */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return false;
  const left = INDEX.get(a);
  if (left === undefined) return false;
  const right = INDEX.get(b);
  return right !== undefined && left.some((group) => right.includes(group));
}

/** Number of groups, for tests and reports. */
export const NICKNAME_GROUP_COUNT = GROUPS.length;
