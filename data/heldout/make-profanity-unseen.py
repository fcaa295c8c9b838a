"""Held-out profanity rows of the three kinds issue 19 names as misses on unseen sources, written
for Sift before the matcher was changed for them, and never tuned on:

  multichar    letters drawn with several characters: |\\/| for m, () for o, ph for f, |< for k ...
  mixedscript  letters from several scripts in one word, joined with zero-width characters
  emoji        symbols standing for letters ($ for s, + for t, ! for i ...) next to or inside emoji

with clean rows of the same shapes (ASCII art and emoticons, text in other scripts, prices and
symbols beside emoji, place names disguised the same way) and masked rows ("f*ck", kind masked,
which PROFANITY_MASKED decides and isProfane does not count).

Run: python3 make-profanity-unseen.py  (writes profanity-unseen.jsonl beside it)
"""
import json
import random

random.seed(1919)
rows = []


def add(text, profane, kind, **extra):
    rows.append({"text": text, "profane": profane, "kind": kind, **extra})


# Each letter's multi-character drawings, from the usual leet tables.
DRAW = {
    "a": ["/\\", "/-\\", "@", "4"],
    "b": ["|3", "8", "|8"],
    "c": ["(", "<", "[", "¢"],
    "d": ["|)", "[)", "|>"],
    "e": ["3", "€", "[-"],
    "f": ["ph", "|=", "ƒ"],
    "g": ["9", "6", "(_+"],
    "h": ["|-|", "#", "]-[", "}{"],
    "i": ["!", "1", "|"],
    "k": ["|<", "|{", "|("],
    "l": ["|_", "1", "|"],
    "m": ["|\\/|", "/\\/\\", "|v|", "(\\/)"],
    "n": ["|\\|", "/\\/", "^/"],
    "o": ["()", "0", "[]"],
    "p": ["|o", "|>", "|D"],
    "r": ["|2", "12", "®"],
    "s": ["$", "5", "§"],
    "t": ["+", "7", "†", "-|-"],
    "u": ["|_|", "(_)", "\\_/", "µ"],
    "w": ["\\/\\/", "vv", "\\^/"],
    "x": ["><", "}{"],
    "y": ["`/", "¥"],
}

WORDS = ["fuck", "shit", "cunt", "bitch", "bastard", "wanker", "twat", "asshole", "dickhead",
         "bollocks", "prick", "motherfucker", "bullshit", "whore", "slut", "piss", "cock", "tosser"]

FRAMES = [
    "The bus company is run by a total {}.",
    "Honestly the ref was a {} all game.",
    "Tell the council to {} off.",
    "What a {} of a decision by the board.",
    "Another {} budget from this lot.",
    "That columnist is a {}, plain and simple.",
    "My landlord is an absolute {}.",
    "The planning committee can go {} themselves.",
    "Such a {} thing to say about nurses.",
    "The energy firms are {} again this winter.",
]


def draw(word, share):
    """Replace about `share` of the word's letters (at least two) with a drawing."""
    letters = list(word)
    spots = [i for i, ch in enumerate(letters) if ch in DRAW]
    random.shuffle(spots)
    n = max(2, round(len(spots) * share))
    for i in spots[:n]:
        letters[i] = random.choice(DRAW[letters[i]])
    return "".join(letters)


for i in range(50):
    word = WORDS[i % len(WORDS)]
    add(random.choice(FRAMES).format(draw(word, random.choice([0.3, 0.5, 0.8]))), True, "multichar")

# Look-alike letters from many scripts, case and styles.
LOOK = {
    "a": ["а", "α", "ɑ", "ａ", "𝐚", "ᴀ", "ꭺ"],
    "b": ["Ь", "ʙ", "𝖇", "ｂ", "Ᏼ"],
    "c": ["с", "ϲ", "ⅽ", "ᴄ", "𝒸", "Ꮯ"],
    "d": ["ԁ", "ⅾ", "ɗ", "𝕕", "Ꭰ"],
    "e": ["е", "ε", "ҽ", "ｅ", "𝑒", "Ꭼ"],
    "h": ["һ", "н", "ʜ", "𝒉", "Ꮋ"],
    "i": ["і", "ι", "ɪ", "ｉ", "𝚒", "ӏ"],
    "k": ["к", "κ", "ᴋ", "𝓀", "Ꮶ"],
    "l": ["ӏ", "ⅼ", "ʟ", "𝗅", "Ꮮ"],
    "n": ["ո", "ռ", "ɴ", "𝔫"],
    "o": ["о", "ο", "օ", "ᴏ", "𝗈", "ⲟ"],
    "p": ["р", "ρ", "ᴘ", "𝔭", "Ꮲ"],
    "r": ["г", "ʀ", "𝓇", "ᚱ"],
    "s": ["ѕ", "ꜱ", "ʂ", "𝓈", "Ꮪ"],
    "t": ["т", "τ", "ᴛ", "𝘵", "Ꭲ"],
    "u": ["υ", "ս", "ᴜ", "𝓊", "ʋ"],
    "w": ["ԝ", "ѡ", "ᴡ", "𝔀", "Ꮃ"],
    "y": ["у", "γ", "ʏ", "𝔂"],
}
HIDDEN = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u180e", "\u2062",
          "\u2063", "\U000e0020", "\ufe0f", "\u200b\u200d"]


def mix(word):
    out = []
    for ch in word:
        c = random.choice(LOOK[ch]) if ch in LOOK and random.random() < 0.6 else ch
        out.append(c)
        if random.random() < 0.7:
            out.append(random.choice(HIDDEN))
    return "".join(out).rstrip("".join(HIDDEN))


for i in range(50):
    word = WORDS[(i * 7) % len(WORDS)]
    add(random.choice(FRAMES).format(mix(word)), True, "mixedscript")

# Symbols for letters, next to or inside emoji.
SYM = {"a": ["@", "4"], "e": ["3", "€"], "i": ["!", "1", "|"], "o": ["0"], "s": ["$", "5"],
       "t": ["+", "7"], "l": ["1", "|"], "b": ["8"], "g": ["9"], "c": ["¢", "("], "u": ["v"]}
EMOJI = ["🤬", "😡", "🔥", "💩", "🖕", "🙄", "😤", "👎", "🤡", "💀", "😂", "🍑", "🐍", "🚮", "🤮", "👏🏽", "🧑‍🚒", "🇬🇧"]


def symbolise(word):
    letters = list(word)
    spots = [i for i, ch in enumerate(letters) if ch in SYM]
    random.shuffle(spots)
    for i in spots[: max(1, (len(spots) + 1) // 2)]:
        letters[i] = random.choice(SYM[letters[i]])
    return "".join(letters)


EMOJI_FRAMES = [
    "{e}{w}{e}",
    "{w}{e}",
    "{e} {w} {e}",
    "{e}{e}{w}",
    "total {w}{e} of a council",
    "the ref is a {w}{e}{e}",
    "{e}{w}",
]
for i in range(50):
    word = WORDS[(i * 5 + 3) % len(WORDS)]
    w = symbolise(word)
    if i % 5 == 4 and len(w) > 3:
        # an emoji inside the word
        k = random.randrange(1, len(w) - 1)
        w = w[:k] + random.choice(EMOJI) + w[k:]
    add(random.choice(EMOJI_FRAMES).format(w=w, e=random.choice(EMOJI)), True, "emoji")

# Masked: asterisks or other marks for some letters. A newsroom's choice (PROFANITY_MASKED).
MASKED = [
    "What a f*cking shambles at the station.", "Absolute f**k-up by the council.", "The s*** hit the fan at PMQs.",
    "He's a complete b*stard to his staff.", "Total b*llocks from the minister.", "Don't be such a d*ckhead.",
    "That's bulls**t and they know it.", "Some a**hole parked across my drive.", "What the f#@k is this timetable?",
    "The board are a bunch of tw*ts.", "c**t of a landlord", "Piss-poor service, f***ing useless.",
    "Sh*t show from start to finish.", "W*nkers, the lot of them.", "Pr*ck of a referee.",
    "Motherf***ers put the fares up again.", "F*** this government.", "She called him a b***h on air.",
    "That's a load of cr*p.", "Who the f--k signed this off?",
]
for t in MASKED:
    add(t, False, "masked", masked=True)

# Clean rows of the same shapes.
CLEAN = {
    "benign-multichar": [
        "I <3 this newspaper's crossword.", "Shrug ¯\\_(ツ)_/¯ nobody knows.", "The photograph of Phuket was lovely.",
        "Phil from Scunthorpe wrote in (again).", "See section [3] of the report.", "Temps of 20-25°C all week :-)",
        "The formula is (a+b)/2, not a+b/2.", "Tables like |a|b| in the PDF were unreadable.", "My son got an A* in maths!",
        "Her phd thesis was on phosphate runoff.", "Graph: /\\/\\/\\ up and down all year.", "The C++ and C# jobs went abroad.",
        "Winner: 3-1 to the home side :)", "Scores were 12/20 and 13/20.", "Elephants at Whipsnade again <3",
        "Press 1 for sales, 2 for the phishing desk.", "The pharmacist was very helpful.", "Prophets of doom (again) on the economy.",
        "w/o the bypass we'd be stuck.", "Dickens' Bleak House is on the syllabus.", "Cockermouth |o| flood defences finally done.",
        "The pass rate was 85%; class sizes 30+.", "Hasselhoff was at the Essex show.", "His handle is |\\|ightowl on the forum.",
        "Shiitake risotto at the cafe (£9).", "Mass transit needs 24/7 service.", "O()O is how my cat sleeps.",
        "Ascii art: [] [] [] for the three bays.", "The sextant and compass from the museum.", "A/B testing of the new app.",
    ],
    "benign-mixedscript": [
        "Спасибо за статью, очень интересно.", "Η πόλη χρειάζεται περισσότερα λεωφορεία.", "Шкода, что мост закрыт.",
        "Visited Scunthоrpe last week (Cyrillic o typed by my phone).", "Ѕussex police responded quickly.", "Асс. проф. Иванов выступил.",
        "Σωκράτης would have hated this debate.", "Մեր քաղաքը գեղեցիկ է.", "The Hellenic festival was great: Ελλάδα!",
        "Arsenal\u200b won again.", "Cock\u200bburn Street is closed for works.", "Pass\u200bage to the station is blocked.",
        "ꓑeople in Phuket were evacuated.", "Matsu\u200bshita sold the factory.", "Кот сидит на окне.",
        "Title: Ｔｈｅ Ｇｕａｒｄｉａｎ reports", "Ꮯherokee Nation statement on the bill.", "Τhe minister's rеply was vague.",
        "Penistone\u2060 market reopens Saturday.", "My nan's recipe for сырники.", "Assessment\u00adcentre opens in May.",
        "The therapist\u200d was excellent.", "Glass\u200bhouse Street flooded.", "𝐓𝐡𝐞 𝐜𝐨𝐮𝐧𝐜𝐢𝐥 𝐦𝐞𝐞𝐭𝐬 𝐓𝐮𝐞𝐬𝐝𝐚𝐲.",
        "Здравствуйте, где остановка?", "Hancock\u200b resigned.", "Great ｃｌａｓｓ trip to York.",
        "Dick\u200bens museum is free on Sunday.", "Ꭺll good at the match.", "Shih\u200b Tzu show in Leeds.",
    ],
    "benign-emoji": [
        "$5 for a coffee ☕ is too much.", "🔥 great goal 🔥", "Congrats to the team 🎉🎉!", "2+2=4 😂 basic maths",
        "Top marks 💯 to the nurses.", "10/10 would ride the new tram 🚋", "A+ service 👏🏽", "Prices up 5% 📈 again",
        "Rain again ☔ in Sussex", "Happy Diwali 🪔 to all!", "#1 🥇 in the league table", "Sh! 🤫 the baby's asleep",
        "Spent £$€ on holiday 💸", "Bass 🎸 and drums at the fair", "Class 🏫 sizes are too big", "Nice 👌🏻 work by the council",
        "Passing 🚗 trains are loud", "@dave 😂 you're right", "Assist 🅰️ by the captain", "Kit 👕 costs £50+ now",
        "Scunthorpe 🐟 and chips", "It's 7:30 ⏰ and still no bus", "Vote! 🗳️ Thursday", "C'mon 💪 England",
        "Titanic 🚢 exhibit in Belfast", "The ship's cock 🐓 crowed", "Wi-Fi 📶 down again", "P!nk 🎤 concert sold out",
        "St!ll w8ing 4 the bus 🚌", "Ca$h 💵 only at the market",
    ],
}
for kind, texts in CLEAN.items():
    for t in texts:
        add(t, False, kind)

with open(__file__.replace("make-profanity-unseen.py", "profanity-unseen.jsonl"), "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), "rows")
