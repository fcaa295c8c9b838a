import fc from 'fast-check';
import { readFileSync } from 'fs';
import { join } from 'path';
import { checkProfanity, createTermMatcher } from '../../worker/checks/profanity';

interface DevRow {
  text: string;
  profane: boolean;
  kind: string;
}

const dev: DevRow[] = readFileSync(join(__dirname, '../../data/profanity/dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as DevRow);

describe('checkProfanity on the dev set', () => {
  const counted = dev.filter((r) => r.kind !== 'borderline');
  const positives = counted.filter((r) => r.profane);
  const negatives = counted.filter((r) => !r.profane);

  test('When every profane dev comment is checked, then at least 99% are found', () => {
    const found = positives.filter((r) => checkProfanity(r.text).isProfane).length;
    expect(found / positives.length).toBeGreaterThanOrEqual(0.99);
  });

  test.each([...new Set(positives.map((r) => r.kind))])('When comments of kind %s are checked, then at least 95% are found', (kind) => {
    const rows = positives.filter((r) => r.kind === kind);
    const found = rows.filter((r) => checkProfanity(r.text).isProfane).length;
    expect(found / rows.length).toBeGreaterThanOrEqual(0.95);
  });

  test('When clean dev comments are checked, then none is flagged', () => {
    expect(negatives.filter((r) => checkProfanity(r.text).isProfane).map((r) => r.text)).toEqual([]);
  });
});

describe('checkProfanity on held-out rows (data/heldout/profanity.jsonl)', () => {
  // Rows of the dev kinds written separately from dev.jsonl. Measured: 134/134 profane found,
  // 1 of 96 clean flagged ("The Cocks family", a surname).
  const rows: DevRow[] = readFileSync(join(__dirname, '../../data/heldout/profanity.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DevRow);
  const positives = rows.filter((r) => r.profane);
  const negatives = rows.filter((r) => !r.profane);

  test('When held-out profane comments are checked, then at least 99% are found and every kind at least 90%', () => {
    expect(positives.filter((r) => checkProfanity(r.text).isProfane).length / positives.length).toBeGreaterThanOrEqual(0.99);
    for (const kind of new Set(positives.map((r) => r.kind))) {
      const of = positives.filter((r) => r.kind === kind);
      expect([kind, of.filter((r) => checkProfanity(r.text).isProfane).length / of.length >= 0.9]).toEqual([kind, true]);
    }
  });

  test('When held-out clean comments are checked, then no Scunthorpe row and at most 1 other is flagged', () => {
    const flagged = negatives.filter((r) => checkProfanity(r.text).isProfane);
    expect(flagged.filter((r) => r.kind === 'scunthorpe').map((r) => r.text)).toEqual([]);
    expect(flagged.length).toBeLessThanOrEqual(1);
  });

  test.each([
    ['The bitch had six puppies at the kennel.', false],
    ['A cock pheasant ran across the lane.', false],
    ['A finger prick test for diabetes.', false],
    ['Pussy willow by the canal.', false],
    ["Moby-Dick and Dick's Sporting Goods.", false],
    ['Shiite clerics and a mishit penalty.', false],
    ['f🦆ck the council', true],
    ['Stop being an 🍑hole', true],
    ['Peach season 🍑🍑 at the market', false],
    ['You absolute b1tch', true],
  ])('When "%s" is checked, then isProfane is %s', (text, expected) => {
    expect(checkProfanity(text).isProfane).toBe(expected);
  });
});

describe('checkProfanity disguises', () => {
  test.each([
    ['leetspeak', 'What a load of bu11sh1t', 'shit'],
    ['a symbol for a letter', 'kiss my a$$', 'ass'],
    ['spaced letters', 'you are a d i c k', 'dick'],
    ['dotted letters', 'a lying c.u.n.t.', 'cunt'],
    ['a split word', 'who the fu ck runs this', 'fuck'],
    ['repeated letters', 'fuuuuuck off', 'fuck'],
    ['Cyrillic look-alikes', 'fuсk off', 'fuck'],
    ['fullwidth letters', 'ｓｈｉｔ', 'shit'],
    ['mathematical letters', 'a lying 𝐜𝐮𝐧𝐭', 'cunt'],
    ['circled letters', 'ⓑⓐⓢⓣⓐⓡⓓⓢ', 'bastard'],
    ['zero-width characters', 'f\u200Bu\u200Cc\u200Dk off', 'fuck'],
    ['accents', 'fück off', 'fuck'],
    ['emoji around it', '🖕dickhead🖕', 'dick'],
    ['mixed case', 'MoThErFuCkInG hackers', 'fuck'],
    ['a phonetic spelling', 'phuck off', 'fuck'],
  ])('When a comment spells a term with %s, then it is flagged', (_how, text, term) => {
    const result = checkProfanity(text);
    expect(result).toMatchObject({ isProfane: true });
    expect(result.terms).toContain(term);
  });

  test('When a term is disguised, then the reason shows the term masked and how it was written', () => {
    expect(checkProfanity('Who the f u c k does this').reasons).toEqual(["matched 'f*ck' written as 'f u c k'"]);
  });
});

const SCUNTHORPE = [
  'Scunthorpe',
  'Penistone',
  'Middlesex',
  'Essex',
  'Sussex',
  'Wessex',
  'Cockermouth',
  'Shitterton',
  'Clitheroe',
  'Dickens',
  'Hancock',
  'assassin',
  'cocktail',
  'class',
  'grass',
  'bass',
  'therapist',
  'analysis',
  'Matsushita',
  'Yamashita',
  'Kinoshita',
  'Fukushima',
  'Phuket',
  'Cummings',
  'cumulative',
  'Arsenal',
  'arsenic',
  'Wankel',
  'swanky',
  'pricked',
  'prickly',
  'cocker spaniel',
  'peacock',
  'stopcock',
  'Hitchcock',
  'Dickinson',
  'Dickson',
  'Cockburn',
  'cockney',
  'cockroach',
  'passage',
  'embassy',
  'ambassador',
  'assessment',
  'assume',
  'Hassan',
  'scuttlebutt',
  'buttering',
  'title',
  'Titanic',
  'petition',
  'skyscraper',
  'Hello',
  'Michelle',
  'Hellenic',
  'shiitake',
  'Twatt',
  'Dick Van Dyke',
  'Philip K. Dick',
  'Moby Dick',
  'blue tits',
  'the U.S. hit back',
  'this hit hard',
  'a bit cheaper',
  'Bell End',
  'Passsssword',
  'p@ssw0rd',
  '@ssmith',
  'Cl@ss1c',
  'Ѕcunthorpe',
  'clаssic',
  'snigger',
  'Niger',
  'debugger',
  'Shih Tzu',
  'document',
  'circumstances',
  'cucumber',
  'Lancashire',
];

describe('checkProfanity and innocent words', () => {
  test.each(SCUNTHORPE)('When a comment mentions "%s", then it is not flagged', (word) => {
    expect(checkProfanity(`I read about ${word} in the paper today.`)).toMatchObject({ isProfane: false, terms: [] });
  });
});

// Property tests: evasions of a listed term are caught; allowlisted words never are.
const TERMS = ['fuck', 'shit', 'cunt', 'bitch', 'bastard', 'dickhead', 'asshole', 'wanker', 'twat', 'bollocks'];
const HOMOGLYPHS: Record<string, string[]> = {
  a: ['а', 'α'],
  c: ['с'],
  e: ['е'],
  i: ['і', 'ι'],
  o: ['о', 'ο'],
  s: ['ѕ'],
  k: ['к'],
  h: ['һ'],
  u: ['υ'],
  t: ['т'],
};
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];

const evasion = fc.record({
  term: fc.constantFrom(...TERMS),
  seed: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 12, maxLength: 12 }),
  separator: fc.constantFrom('', ' ', '.', '-', '. ', '_', '*'),
  spaced: fc.boolean(),
});

function disguise(term: string, seed: number[], separator: string, spaced: boolean): string {
  return [...term]
    .map((ch, i) => {
      const pick = seed[i % seed.length];
      let out = ch;
      if (pick === 1) out = ch.toUpperCase();
      if (pick === 2 && HOMOGLYPHS[ch]) out = HOMOGLYPHS[ch][0];
      if (pick === 3) out = String.fromCharCode(ch.charCodeAt(0) + 0xfee0); // fullwidth
      if (pick === 4) out = ch + ch + ch;
      if (pick === 5) out = ch + ZERO_WIDTH[i % ZERO_WIDTH.length];
      return out;
    })
    .join(spaced ? separator || ' ' : '');
}

describe('normalisation properties', () => {
  test('When any listed term is disguised by case, look-alikes, fullwidth, repeats, hidden characters or separators, then it is caught', () => {
    fc.assert(
      fc.property(evasion, fc.constantFrom('You', 'Honestly, what a', 'The minister is a'), ({ term, seed, separator, spaced }, lead) => {
        const text = `${lead} ${disguise(term, seed, separator, spaced)} today.`;
        expect(checkProfanity(text).isProfane).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test('When allowlisted words are embedded in random clean sentences, then nothing is flagged', () => {
    const clean = fc.constantFrom(
      'the',
      'report',
      'says',
      'we',
      'were',
      'in',
      'on',
      'Friday',
      'hospital',
      'nurses',
      'a',
      'it',
      'is',
      'was',
      'hit',
      'by',
      'our',
      'town',
    );
    fc.assert(
      fc.property(
        fc.array(clean, { maxLength: 8 }),
        fc.constantFrom(...SCUNTHORPE),
        fc.array(clean, { maxLength: 8 }),
        fc.boolean(),
        (before, word, after, upper) => {
          const text = [...before, upper ? word.toUpperCase() : word, ...after].join(' ');
          expect(checkProfanity(text).isProfane).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('createTermMatcher', () => {
  const match = createTermMatcher(['idiot', 'moron*', 'scam']);

  test.each([
    ['a whole word', 'what an idiot', 'idiot'],
    ['a plural', 'bunch of idiots', 'idiot'],
    ['leetspeak and spacing', 'what an 1 d 1 o t', 'idiot'],
    ['a look-alike letter and a hidden character', 'what an idі\u200Bot', 'idiot'],
    ['a prefix pattern', 'total moronic nonsense', 'moron*'],
  ])('When a comment contains a listed term as %s, then it is matched', (_how, text, term) => {
    expect(match(text).map((m) => m.term)).toContain(term);
  });

  test('When a listed word sits inside an innocent word, then it is not matched', () => {
    expect(match('Scampi and chips, then we watched Idiocracy')).toEqual([]);
  });

  test('When a moderator lists a prefix that innocent words start with, then the allowlist still protects them', () => {
    expect(createTermMatcher(['ass*', 'cock*'])('The assassin drank a cocktail in Cockermouth')).toEqual([]);
  });
});

describe('checkProfanity on the kinds unseen sources missed (issue 19)', () => {
  test.each([
    ['letters drawn with several characters', 'You utter |\\/|oron and a tw@+', 'twat'],
    ['"ph" for f', 'go ph|_|ck yourself', 'fuck'],
    ['a drawn m', 'absolute /\\/\\otherfucker', 'fuck'],
    ['a symbol for t inside a word', 'b!+(h please', 'bitch'],
    ['a symbol for c', 'd!(khead', 'dick'],
    ['a bracket for c that nothing closes', 'what a (vnt', 'cunt'],
    ['"vv" for w', 'what a vvanker', 'wank'],
    ['a drawing of two letters', 'total |)1(|<|-|e@|>', 'dick'],
    ['look-alikes from several scripts joined by zero-width characters', 'ѕ\u200bһ\u200dі\u200ct', 'shit'],
    ['a Latin letter with a hook', 'ʂhit', 'shit'],
    ['Cherokee letters', 'Ꮃanker', 'wank'],
    ['a lunate sigma for c', 'fսϲ\u200bк', 'fuck'],
    ['symbols beside emoji', '🤬$h!+🤬', 'shit'],
    ['an emoji inside the word', 'bit🤡ch', 'bitch'],
    ['a flag inside the word', 'fv🇬🇧ck', 'fuck'],
    ['a flag beside the word', '🇬🇧d1ckhe4d🇬🇧', 'dick'],
    ['an emoji drawn as a letter', '💲hit', 'shit'],
    ['|3 for "le" rather than b', '🥴8el|3nd', 'bellend'],
    ['|o for "lo" rather than p, beside I3 for b', 'I3o||o¢1<§', 'bollocks'],
    ['|c for k', '|=u<|c!/\\/(_+', 'fuck'],
    ['1< for k', '(\\/)07[-]eI2ph(_)(1<i|\\|g', 'fuck'],
    ['cl for d inside a word', 'p1ss€cl', 'piss'],
    ['^ for a', '\\/\\/^^/k3|2$', 'wank'],
    ['drawings that overlap: [ for c, then ]-[ for h', 'b1†[]-[', 'bitch'],
    ['a + before a digit', '+0ss€rs🦆🦆', 'tosser'],
    ['a + before an emoji inside the word', '🐀+🤯w@ts', 'twat'],
    ['an emoji in a word that could also spell an innocent one', 'sh|🥴t€👀', 'shit'],
    ['a drawing no table has, for one letter', 'what a fu=}k', 'fuck'],
    ['a letter of another script that reads as no Latin letter', 'wanЖer', 'wank'],
    ['a term beside a slash, the slash read as an unknown letter or a separator', 'call2optout/F4Q', 'fuck'],
    ['a runic R', 'wа\u00adռ\u2060kҽ\u180eᚱ\ufeffs', 'wank'],
  ])('When a comment writes a term with %s, then it is flagged', (_how, text, term) => {
    expect(checkProfanity(text).terms).toContain(term);
  });

  test.each([
    'I <3 London (and Leeds)',
    'C++ and C# developers',
    'A+ work from the nurses',
    '2+2=4',
    'Phuket (again)',
    '¯\\_(ツ)_/¯ nobody knows',
    'x <> y',
    'see [3] and (4)',
    'sunny 🌞 day',
    '🔥 goal',
    'savvy buyers',
    'burn the corn',
    '(until Friday, when the council meets)',
    '(rap music)',
    'Look at my 🍑 tree',
    'Peach season 🍑🍑',
    'Vote 🇬🇧 Thursday',
    'B12 and A13 roads',
    'Ca$h only',
    'St!ll waiting',
    'Scunthоrpe',
    'Pass\u200bage',
    'click here',
    'Clicks and likes',
    'x^2 + y^2',
    '+44 20 7946 0000',
    'I <3 Scunthorpe',
    'The 1<2 comparison',
    'I2C sensors',
    'Sussex|Kent|Essex',
    'a[i] = b[i] + 1',
    'Cockermouth |o| flood defences',
    'Shiitake risotto',
    'and/or, his/her, w/o, c/o',
    'C:\\Users\\Public',
    'Sussex~Kent',
    'a=b, x<>y, [i]',
    'Здравствуйте, где остановка?',
    'Шкода, что мост закрыт.',
  ])('When a clean comment has the same shapes ("%s"), then nothing is flagged or masked', (text) => {
    expect(checkProfanity(text)).toMatchObject({ isProfane: false, masked: [] });
  });
});

describe('masked words (PROFANITY_MASKED)', () => {
  test.each([
    ['What a f*cking shambles', 'f*ck'],
    ['Absolute f**k-up', 'f**k'],
    ['The s*** hit the fan', 's***'],
    ['Some a**hole parked here', 'a**hole'],
    ['What the f#@k is this', 'f#@k'],
    ['Total b*llocks', 'b*llock'],
    ['Who the f--k signed this off?', 'f--k'],
  ])('When "%s" is checked, then it is not profane but the masked word is named', (text, written) => {
    expect(checkProfanity(text)).toMatchObject({ isProfane: false, masked: [written] });
  });

  test.each([
    'My son got an A** in maths',
    '**bold** text',
    '**** all stars',
    'C# code',
    'well-known co-op',
    'The full council report is at https://www.example.gov.uk/reports/budget-2024 for anyone curious.',
    'Minutes at sftp://files.example.org/2024 and www.example.org/a--b',
  ])('When "%s" is checked, then no masked word is found', (text) => {
    expect(checkProfanity(text).masked).toEqual([]);
  });

  test('When a masked word sits beside a link, then the word is still named', () => {
    expect(checkProfanity('What a f**king mess, see https://example.org/report').masked).toEqual([expect.stringMatching(/^f\*\*k/)]);
  });

  test('When a masked word sits beside a written-out one, then the comment is simply profane', () => {
    expect(checkProfanity('f**k this shit')).toMatchObject({ isProfane: true, terms: ['shit'], masked: [] });
  });
});
