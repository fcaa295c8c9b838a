import { readFileSync } from 'fs';
import { join } from 'path';
import { createChecks } from '../../worker/checks';
import { leaveOneSourceOut, worst } from '../../worker/checks/eval/loso';
import { LearnedFilter, SpamCheck } from '../../worker/checks/spam';

const filter = LearnedFilter.fromShippedData();
const spam = new SpamCheck(filter);
const quiet = { authorRecentCount: 0, ipRecentCount: 0, duplicateBodyCount: 0 };

describe('SpamCheck figures', () => {
  // Measured (docs/checks.md, npm run eval:checks -- --loso): cold F1 Psy 0.952, Katy Perry 0.939,
  // LMFAO 0.922, SMS 0.932, news 0.948 (lowest MCC: LMFAO 0.856); after labelling alternate rows
  // 0.982, 0.970, 0.974, 0.964, 0.978. Legitimate marked spam: 0 of every video, 22 of 4,827
  // texts, 1 of 276 news rows.
  const results = leaveOneSourceOut();
  const of = (name: string) => results.find((r) => r.heldOut === name)!;

  test('When each source is held out of training, then every source holds its measured F1 and the worst is LMFAO', () => {
    expect(results.map((r) => r.heldOut)).toEqual(['Youtube01-Psy', 'Youtube02-KatyPerry', 'Youtube03-LMFAO', 'sms', 'news']);
    expect(of('Youtube01-Psy').cold.f1).toBeGreaterThanOrEqual(0.95);
    expect(of('Youtube02-KatyPerry').cold.f1).toBeGreaterThanOrEqual(0.935);
    expect(of('Youtube03-LMFAO').cold.f1).toBeGreaterThanOrEqual(0.915);
    expect(of('sms').cold.f1).toBeGreaterThanOrEqual(0.93);
    expect(of('news').cold.f1).toBeGreaterThanOrEqual(0.945);
    expect(worst(results, 'cold').heldOut).toBe('Youtube03-LMFAO');
    for (const r of results) expect(r.cold.mcc).toBeGreaterThanOrEqual(0.85);
  });

  test('When each source is held out, then legitimate comments are marked spam at most 0.5% of the time in every source', () => {
    for (const r of results) expect(r.cold.falsePositiveRate).toBeLessThanOrEqual(0.005);
    expect(of('news').cold.fp).toBeLessThanOrEqual(1);
  });

  test('When moderators label alternate rows of a new source, then the rest is classified at least as well and rarely flags readers', () => {
    for (const r of results) {
      expect(r.learning.f1).toBeGreaterThanOrEqual(r.cold.f1 - 0.005);
      expect(r.learning.falsePositiveRate).toBeLessThanOrEqual(0.01);
    }
    expect(worst(results, 'learning').learning.f1).toBeGreaterThanOrEqual(0.96);
    expect(of('sms').learning.falsePositiveRate).toBeLessThanOrEqual(0.003);
  });

  test('When the held-out news-site rows are checked (data/heldout/spam.jsonl), then spam families are caught and readers are not', () => {
    const rows = readFileSync(join(__dirname, '../../data/heldout/spam.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { body: string; spam: boolean });
    const flagged = (r: { body: string }) => spam.check({ body: r.body, authorName: 'reader' }).isSpam;
    const spamRows = rows.filter((r) => r.spam);
    const hamRows = rows.filter((r) => !r.spam);
    // Measured: 30/30 spam caught, 0/40 reader comments flagged.
    expect(spamRows.filter(flagged).length / spamRows.length).toBeGreaterThanOrEqual(0.95);
    expect(hamRows.filter(flagged).length).toBe(0);
  });

  test('When readers use words spam is made of (test/checks/reader-probes.txt), then almost none is flagged', () => {
    const texts = readFileSync(join(__dirname, 'reader-probes.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    const flagged = texts.filter((body) => spam.check({ body, authorName: 'reader' }).isSpam);
    // Measured: 3 of 163 (31 before this round): two link posts (a JustGiving fundraiser, the
    // reader's own blog) and "My channel of choice was Sky".
    expect(texts.length).toBeGreaterThanOrEqual(160);
    expect(flagged.length).toBeLessThanOrEqual(3);
  });

  test('When news readers comment (the profanity dev set), then none is flagged as spam', () => {
    const texts = readFileSync(join(__dirname, '../../data/profanity/dev.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text);
    expect(texts.filter((body) => spam.check({ body, authorName: 'reader' }).isSpam)).toEqual([]);
  });
});

describe('SpamCheck signals', () => {
  test.each([
    'Check out the NHS website for updates',
    'I watched the interview on the BBC channel, worth a look.',
    'Please share this article with anyone who uses that hospital.',
    'The council report is at https://www.gov.uk/government/publications if anyone wants to read it.',
    'Subscribers to this paper deserve better than clickbait headlines.',
    'Click the link in the article to read the full inquiry report, it is worth it.',
  ])('When a reader writes "%s", then it is not spam', (body) => {
    expect(spam.check({ body, authorName: 'reader' })).toMatchObject({ isSpam: false });
  });

  test.each([
    'Check out my new channel and subscribe!!! http://bit.ly/abc123',
    'Make $500 a day working from home, visit www.easy-money-now.xyz',
    'Hey guys please subscribe to my channel, I make cover songs',
  ])('When a comment is "%s", then it is spam with reasons', (body) => {
    const result = spam.check({ body, authorName: 'promo' });
    expect(result.isSpam).toBe(true);
    expect(result.reasons.length).toBeGreaterThan(0);
  });

  test('When a comment has links to shorteners, then the reason counts them', () => {
    const { reasons } = spam.check({ body: 'see http://bit.ly/a and http://tinyurl.com/b and http://example.com', authorName: 'x' });
    expect(reasons[0]).toMatch(/^3 links, 2 to URL shorteners/);
  });

  test('When a reader links a public body, then the reason says the source is reputable', () => {
    const { reasons } = spam.check({ body: 'The full guidance: https://www.gov.uk/guidance/flood-alerts', authorName: 'x' });
    expect(reasons[0]).toBe('1 link, 1 to a reputable source (gov.uk)');
  });

  test('When the learned filter sees spam words, then its reason names them', () => {
    const { reasons } = spam.check({ body: 'please subscribe to my channel', authorName: 'x' });
    expect(reasons.some((r) => /^learned filter: [01]\.\d\d spam-like \(words: /.test(r))).toBe(true);
  });

  test.each([
    ['a fast author', { authorRecentCount: 50, ipRecentCount: 0, duplicateBodyCount: 0 }],
    ['a busy IP', { authorRecentCount: 0, ipRecentCount: 500, duplicateBodyCount: 0 }],
    ['both at once', { authorRecentCount: 50, ipRecentCount: 500, duplicateBodyCount: 0 }],
    ['a repeated body', { authorRecentCount: 50, ipRecentCount: 500, duplicateBodyCount: 10 }],
  ])('When a plain reader comment comes from %s, then behaviour alone never makes it spam', (_who, behaviour) => {
    for (const body of [
      'I loved this song when I was younger',
      'Thank you',
      'Great article, well researched.',
      'Thumbs up if you agree with the minister',
    ]) {
      expect(spam.check({ body, authorName: 'reader', behaviour }).isSpam).toBe(false);
    }
  });

  test.each([
    'I doubled my money with Mrs Grace, message her on WhatsApp +44 7700 900111',
    'Need a loan fast? No credit check, email quickcash@gmail.com',
    'Dr Adu the spell caster brought my wife back, contact him now',
    'Hot singles near you want to chat tonight www.meet-now.club',
    'Check out this video on YouTube: https://youtu.be/abc',
    'Check out this playlist on YouTube: 🎵🎵',
    'Check me out! I rap about real life so yeah',
    "Hey I'm a new youtuber, it would mean the world to me if you could check out my covers",
    'Subscribe if you are watching in 2015',
    'Follow 4 follow, like 4 like',
    'If I get 100 subscribers I will dye my hair blue',
    'Like&share this page on facebook please',
    'Vote for her daily: tv. mtvema. com/vote (delete spaces)',
    'Suscríbete a mi canal, subo vídeos cada semana',
    'Inscreva-se no meu canal por favor',
    'Hola a todos, les invito a ver mi canal, subo covers',
    'Inscrevam-se no meu canal, por favor!',
    'Im so bored, sucscribe to me!',
    'Please send anything you can to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, God bless',
    'Get 20 free spins here https://www.example-casino.com/?ref=88231',
    'Hey everyone, we did some covers of old soul songs, please take a second and watch them!',
    'I just started a cooking channel, check it out and subscribe',
    "I'm a young rapper from Ohio, check out my mixtape and subscribe!",
    'Eminem is the GOAT!!! Btw I just uploaded a freestyle, would mean the world if you watched it',
    'Hi everyone! I sing covers of Rihanna songs, would love it if you gave me a listen :)',
    'Our band just put out a video, go to our page and give it a like please',
    'Message me on WhatsApp for the details',
    'Please like and share my page, I post new recipes every day',
    "Start earning today with Amazon's new partner program!!! Details on my profile page",
  ])('When a news-site spam family "%s" arrives, then it is spam', (body) => {
    expect(spam.check({ body, authorName: 'x' }).isSpam).toBe(true);
  });

  test.each([
    'My neighbour lost her savings to a WhatsApp investment scam, warn your parents.',
    'Bitcoin is down again and I am glad I never bought any.',
    'The guidance is on https://www.nhs.uk/conditions/measles/ for anyone worried.',
    "Came here to check the views on the minister's video, ten million already.",
    'Email the council, they have to reply within twenty days.',
    'Check this out',
    'Subscribe to the Guardian if you want better journalism? No thanks.',
    'Subscribe? Not at these prices.',
    'I subscribe to the local paper and it covered this last week.',
    'Subscribe and you get the whole archive, which is worth it for the crossword alone.',
    'Do I subscribe to this theory? Not at all.',
    'They told me to subscribe and then charged me twice. Avoid.',
    'Check it out for yourself, the minutes are public.',
    'If you want free advice, Citizens Advice is brilliant.',
    "I'm a young artist in Leeds and the arts council cuts hit us hard.",
    'It would mean a lot if you could sign the petition for the crossing.',
    'The channel has 3 million subscribers and still gets this wrong.',
    'Transcript on Hansard https://hansard.parliament.uk/commons/2024-01-10/debates/',
    'Video of the flooding on our road, you can see how fast it rose: https://youtu.be/dQw4w9WgXcQ',
    'Mi canal favorito para las noticias es la BBC, la verdad.',
    'Success at last for the campaigners, it only took ten years.',
    'Me voy a suscribir al periódico, por fin buen periodismo.',
    'Qué buena canción, la pongo en mi canal de radio favorito siempre',
    'Eu assisto esse canal todo dia',
    "We did a cover of this song at my daughter's school concert and the parents loved it.",
    'I started a YouTube channel about local history and the council archive has been a goldmine.',
    'I checked out some of my old school reports after reading this, same complaints in 1985.',
    'Please subscribe to the petition, it closes Friday.',
    'Please like and share, police want information about the van seen near the school.',
    'Visit our local library while you still can.',
    'Check my maths, but that is a 40% rise in three years.',
    'Nobody asked to view our flat before the landlord put the rent up.',
    'Come and see our village fete on Sunday, all proceeds to the air ambulance.',
    'The new YouTube rules on misinformation came in last week and nothing changed.',
    "I'm a young rapper and this song got me through the hardest year of my life.",
    "I'm a new rapper and honestly nobody comes close to Em's flow.",
    'My account was frozen for two weeks by the bank and nobody could tell me why.',
    'My music teacher would be turning in her grave at these cuts.',
    'My twitter timeline is a war zone today.',
    "My profile picture is still from 2012, like the council's website.",
    'Our band played that venue in 1994, sad to see it go.',
    "If anyone needs help with the forms, message me here and I'll walk you through it.",
    'Thanks to Dr Patel and the team at the Royal, my dad is home after his stroke.',
    'The new casino on the seafront will bring jobs but also problems.',
    'Age verification for porn sites was always going to be unworkable.',
    'Councillors are paid to represent us, not their developer friends.',
    'Gift cards are how most of these scams get paid, tell your parents.',
    'Singles in your area? No, just pensioners at the bingo.',
    "Daily returns of 3%? That's a Ponzi scheme, people.",
    'This policy is guaranteed to fail, just like the last three.',
  ])('When a reader writes "%s", then it is not spam either', (body) => {
    expect(spam.check({ body, authorName: 'reader' }).isSpam).toBe(false);
  });

  test('When one comment is mislabelled spam by a moderator, then similar reader comments are not flagged', () => {
    const f = LearnedFilter.fromShippedData();
    f.learn('What a great match, well played everyone', 'spam');
    const check = new SpamCheck(f);
    expect(check.check({ body: 'What a great match, well played lads', authorName: 'reader' }).isSpam).toBe(false);
  });

  test("When moderators mark a site's own spam pattern many times, then new comments of that pattern are flagged", () => {
    const f = LearnedFilter.fromShippedData();
    const check = new SpamCheck(f);
    const probe = 'Grandma recipe secret revealed tonight only';
    expect(check.check({ body: probe, authorName: 'x' }).isSpam).toBe(false);
    for (let i = 0; i < 25; i++) {
      f.learn(`Grandma recipe secret revealed number ${i}`, 'spam');
      f.learn(`The council meeting on item ${i} ran late again`, 'ham');
    }
    expect(check.check({ body: probe, authorName: 'x' }).isSpam).toBe(true);
  });

  test('When a moderator marks a comment spam and then changes their mind, then forget undoes learn', () => {
    const f = LearnedFilter.fromShippedData();
    const body = 'Lovely weather for the regatta on Sunday';
    const before = f.classify(body).probability;
    f.learn(body, 'spam');
    expect(f.classify(body).probability).toBeGreaterThan(before);
    f.forget(body, 'spam');
    expect(f.classify(body).probability).toBeCloseTo(before, 10);
  });

  test.each([['www.'.repeat(2500)], ['ab-'.repeat(3333)], ['a.'.repeat(5000)], ['x@'.repeat(5000)], ['i '.repeat(5000)]])(
    'When a 10,000-character body is built to make regexes backtrack (%#), then the spam check stays fast',
    (body) => {
      spam.check({ body, authorName: 'x' });
      const started = process.hrtime.bigint();
      spam.check({ body, authorName: 'x' });
      // Measured ≤ 20 ms; the unbounded email and domain patterns took 80–250 ms on such bodies.
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(150);
    },
  );

  test('When both checks run, then each result has the contract shape', () => {
    const checks = createChecks(filter, { spamThreshold: 0.5 });
    expect(checks.run({ body: 'What a load of bu11sh1t', authorName: 'r', behaviour: quiet })).toMatchObject({
      spam: { isSpam: false, score: expect.any(Number), reasons: expect.any(Array) },
      profanity: { isProfane: true, terms: ['shit'], reasons: expect.any(Array) },
    });
  });
});
