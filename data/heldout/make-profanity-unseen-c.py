"""Held-out profanity rows of the three kinds issue 19 names as misses on unseen sources, written
for Sift before the matcher was changed for them, and never tuned on:

  multichar    letters drawn with several characters: /V\\ for m, <> for o, |# for f, >| for k ...
  mixedscript  letters from several scripts and styles in one word (Lisu, Coptic, Armenian, math
               alphanumerics, enclosed and superscript letters, Latin with diacritics), joined with
               invisible characters (bidi marks and isolates, fillers, variation selectors, tags)
               or carrying combining marks (strike-through, underline, stacked accents)
  emoji        symbols standing for letters (¡ for i, ø for o, © for c, ß for b ...) and emoji that
               read as letters (🅾️, ❗, 1️⃣), next to, inside or between every letter of a word

with clean rows of the same shapes (ASCII art, code and emoticons, text in other scripts and
styles, prices and symbols beside emoji, place names and Scunthorpe-type words disguised the
same ways) and masked rows ("f∗∗k", kind masked, which PROFANITY_MASKED decides and isProfane does
not count).

Set C: written before reading the matcher, after sets A and B were fixed, with other words,
drawings, scripts, invisible characters and emoji than A and B wherever the leet tables and
Unicode allow, to measure blind once more.

Measured blind at 73afad1, before the matcher was read or changed (eval-checks on this file):
recall 72.0% (108/150: multichar 25/50, mixedscript 46/50, emoji 37/50), clean rows 90/90 clean,
masked rows 10/11 clean (the flagged one, "Arse-h*les", shows "Arse" unmasked: a labelling slip,
left as written).

Run: python3 make-profanity-unseen-c.py  (writes profanity-unseen-c.jsonl beside it)
"""
import json
import random

random.seed(20261205)
rows = []


def add(text, profane, kind, **extra):
    rows.append({"text": text, "profane": profane, "kind": kind, **extra})


# Words not used by sets A and B (or other forms of them).
WORDS = ["fucker", "shithead", "cunting", "bitchy", "fuckwit", "arse", "dipshit", "wank", "dickface", "pisshead",
         "horseshit", "fuckface", "shitty", "sluts", "assholes", "clusterfuck", "twatting", "cocksuckers",
         "wanking", "bullshitter", "dicks", "motherfuckers", "fuckers", "shitbag"]

# Each letter's multi-character drawings, mostly from the longer leet tables (the less usual ones).
DRAW = {
    "a": ["(L", "Д", "/=\\", "∂", "/\\", "@"],
    "b": ["ß", "(3", "/3", ")3", "|3"],
    "c": ["©", "{", "(", "<"],
    "d": ["(|", "I>", "|}", "T)", "|)"],
    "e": ["&", "£", "ë", "|=-", "3"],
    "f": ["|#", "/=", "ph", "|="],
    "g": ["C-", "(.", "[,", "6"],
    "h": [")-(", "(-)", ":-:", "|~|", "!-!", "1-1", "I+I", "|-|"],
    "i": ["][", "¡", "!", "1"],
    "k": [">|", "/<", "|<", "|{"],
    "l": ["£", "|_", "1"],
    "m": ["/V\\", "JVI", "[V]", "^^", "{V}", "IVI", "|\\/|", "|\\|\\"],
    "n": ["<\\>", "{\\}", "И", "/V", "|\\|"],
    "o": ["<>", "Ø", "[]", "()", "0", "ø"],
    "p": ["|*", "|º", "|7", "[]D", "|°", "|o"],
    "r": ["|`", "|~", "|?", "/2", "Я", "|2"],
    "s": ["$", "5", "§"],
    "t": ["~|~", "']['", "+", "7"],
    "u": ["L|", "|_|", "(_)", "v", "µ"],
    "w": ["\\N", "'//", "\\V/", "\\X/", "Ш", "uu", "\\/\\/", "\\|/"],
    "y": ["Ч", "`/", "¥"],
}

FRAMES = [
    "The bloke who runs the depot is a {}.",
    "Sorry but the new headteacher is a right {}.",
    "Councillors voting for this are {} the lot of them",
    "{}! Read the planning notice before you moan.",
    "Utter {} from the rail regulator again.",
    "The letting agent? A complete {}.",
    "Every {} on this forum thinks they know better.",
    "Just saw the fare rise, what {}",
    "That pundit was {} all through the second half.",
    "Whoever parked on the zebra crossing is a {}",
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

# Look-alike letters from scripts and styles sets A and B did not use: enclosed (circled) letters,
# Fraktur, double-struck, sans-serif bold and monospace maths letters, superscript modifiers,
# Latin with diacritics, Lisu, Coptic, Armenian, Greek and Cyrillic capitals.
LOOK = {
    "a": ["ⓐ", "𝔞", "𝕒", "𝗮", "𝚊", "ᵃ", "ǎ", "ą", "ꓮ", "Ａ", "Ⲁ"],
    "b": ["ⓑ", "𝔟", "𝕓", "𝗯", "ᵇ", "ƀ", "ꓐ", "Ⲃ", "В", "ɓ", "ḃ"],
    "c": ["ⓒ", "𝔠", "𝕔", "𝗰", "ᶜ", "ç", "ć", "ꓚ", "Ⲥ", "ⲥ", "ċ", "Ϲ"],
    "d": ["ⓓ", "𝔡", "𝗱", "ᵈ", "ď", "đ", "ꓓ", "ḋ", "ɖ", "ᑯ"],
    "e": ["ⓔ", "𝔢", "𝕖", "𝗲", "ᵉ", "ë", "ę", "ė", "ꓰ", "Ⲉ", "ℯ"],
    "f": ["ⓕ", "𝔣", "𝕗", "𝗳", "ᶠ", "ꓝ", "ꜰ", "ḟ", "Ϝ", "ｆ"],
    "g": ["ⓖ", "𝔤", "𝕘", "𝗴", "ᵍ", "ğ", "ġ", "ꓖ", "ɡ", "ց"],
    "h": ["ⓗ", "𝔥", "𝕙", "𝗵", "ʰ", "ĥ", "ħ", "ꓧ", "Һ", "հ", "Ⲏ", "ℎ"],
    "i": ["ⓘ", "𝔦", "𝕚", "𝗶", "ⁱ", "ï", "ì", "ꓲ", "Ι", "І", "ı"],
    "k": ["ⓚ", "𝔨", "𝕜", "𝗸", "ᵏ", "ķ", "ꓗ", "Ⲕ", "Κ", "К", "ǩ", "ḱ"],
    "l": ["ⓛ", "𝔩", "𝕝", "𝗹", "ˡ", "ĺ", "ľ", "ꓡ", "ℓ"],
    "m": ["ⓜ", "𝔪", "𝕞", "𝗺", "ᵐ", "ḿ", "ꓟ", "Ⲙ", "М", "Μ", "ṃ", "ｍ"],
    "n": ["ⓝ", "𝕟", "𝗻", "ⁿ", "ñ", "ń", "ꓠ", "Ν", "ṅ"],
    "o": ["ⓞ", "𝔬", "𝕠", "𝗼", "ᵒ", "ö", "ő", "ꓳ", "ℴ", "ơ"],
    "p": ["ⓟ", "𝕡", "𝗽", "ᵖ", "ṗ", "ꓑ", "Ⲣ", "ⲣ", "Р", "Ρ"],
    "r": ["ⓡ", "𝔯", "𝕣", "𝗿", "ʳ", "ř", "ŕ", "ꓣ", "ɾ", "ṙ"],
    "s": ["ⓢ", "𝔰", "𝕤", "𝘀", "ˢ", "š", "ś", "ꓢ", "Ѕ", "ș"],
    "t": ["ⓣ", "𝔱", "𝕥", "𝘁", "ᵗ", "ť", "ţ", "ꓔ", "Ⲧ", "Т", "Τ", "ŧ"],
    "u": ["ⓤ", "𝔲", "𝕦", "𝘂", "ᵘ", "ü", "ů", "ꓴ", "ǔ", "ᑌ"],
    "w": ["ⓦ", "𝔴", "𝕨", "𝘄", "ʷ", "ŵ", "ẅ", "ꓪ", "ա"],
    "y": ["ⓨ", "𝔶", "𝕪", "𝘆", "ʸ", "ÿ", "ý", "ꓬ", "Ү", "ү"],
}
# Invisible characters sets A and B did not use: bidi marks, embeddings and isolates, the Arabic
# letter mark, invisible plus/function application, Hangul and Khmer fillers, other variation
# selectors, tag letters.
HIDDEN = ["\u200e", "\u200f", "\u2061", "\u2064", "\u202a", "\u202c", "\u2066", "\u2069", "\u061c",
          "\u3164", "\u115f", "\u17b4", "\ufe00", "\ufe0e", "\U000e0041", "\U000e0001", "\U000e0100",
          "\u200e\u2069", "\u206a", "\u206f"]
# Combining marks: strike-through, underline, overline and stacked accents ("Zalgo").
MARKS = ["\u0336", "\u0335", "\u0332", "\u0305", "\u0338", "\u0301\u0316", "\u0308\u0323", "\u0311\u0330\u0352",
         "\u030c", "\u0327", "\u0489"]


def mix(word):
    """Look-alikes for some letters; every row hides invisible characters or combining marks too."""
    style = random.choice(["hidden", "marks", "both"])
    out = []
    for ch in word:
        out.append(random.choice(LOOK[ch]) if ch in LOOK and random.random() < 0.6 else ch)
        if style in ("marks", "both") and random.random() < 0.7:
            out.append(random.choice(MARKS))
        if style in ("hidden", "both") and random.random() < 0.7:
            out.append(random.choice(HIDDEN))
    return "".join(out).rstrip("".join(HIDDEN))


for i in range(50):
    word = WORDS[(i * 7) % len(WORDS)]
    add(random.choice(FRAMES).format(mix(word)), True, "mixedscript")

# Symbols for letters (other than the $ @ ! 0 of sets A and B where the tables allow), and emoji
# that read as letters.
SYM = {"a": ["@", "4", "ª", "∆", "^"], "e": ["3", "€", "ë"], "i": ["!", "1", "¡", "|"], "o": ["0", "ø", "°"],
       "s": ["$", "5", "§"], "t": ["+", "7", "†"], "u": ["µ", "v", "ü"], "c": ["¢", "©", "("], "b": ["8", "ß"],
       "g": ["9", "6"], "l": ["1", "|"], "h": ["#"], "k": ["|<"], "d": ["|)"]}
EMOJI_LETTER = {"o": ["🅾️", "⭕", "0️⃣"], "i": ["❗", "ℹ️", "1️⃣", "❕"], "a": ["🅰️", "🅰"], "b": ["🅱️"],
                "s": ["💲", "5️⃣"], "t": ["✝️"], "c": ["©️"], "x": ["❌"], "m": ["Ⓜ️"], "p": ["🅿️"]}
EMOJI = ["🖕🏿", "🤌🏼", "🫠", "🪳", "🦨", "🧻", "🥱", "🫵🏻", "🐒", "⚽", "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
         "👨‍👩‍👧", "❤️‍🔥", "🤷🏾‍♀️", "😶‍🌫️", "🌶️", "🍺", "🧂", "🇪🇺", "🫣", "🙈", "☠️", "⚠️", "🤢"]


def symbolise(word):
    letters = list(word)
    spots = [i for i, ch in enumerate(letters) if ch in SYM or ch in EMOJI_LETTER]
    random.shuffle(spots)
    for i in spots[: max(1, (len(spots) + 1) // 2)]:
        ch = letters[i]
        if ch in EMOJI_LETTER and (ch not in SYM or random.random() < 0.35):
            letters[i] = random.choice(EMOJI_LETTER[ch])
        else:
            letters[i] = random.choice(SYM[ch])
    return letters


EMOJI_FRAMES = [
    "{e}{w}{e}",
    "{w} {e}{e}",
    "{e}{e} {w}",
    "{e}{w}!",
    "proper {w}{e} that ref",
    "{w}{e} council again",
    "{e} absolute {w} {e}",
    "{w}{e}",
]
for i in range(50):
    word = WORDS[(i * 5 + 3) % len(WORDS)]
    letters = symbolise(word)
    if i % 5 == 1:
        # an emoji between every letter
        w = random.choice(EMOJI).join(letters)
    elif i % 5 == 4 and len(letters) > 3:
        # an emoji inside the word
        k = random.randrange(1, len(letters) - 1)
        w = "".join(letters[:k]) + random.choice(EMOJI) + "".join(letters[k:])
    else:
        w = "".join(letters)
    add(random.choice(EMOJI_FRAMES).format(w=w, e=random.choice(EMOJI)), True, "emoji")

# Masked: asterisks or other marks for some letters. A newsroom's choice (PROFANITY_MASKED).
MASKED = [
    "F∗∗k this weather.", "What a f•cking mess at the depot.", "Absolute sh✱te from the council.",
    "He's a d**khead and everyone knows it.", "That's bullsh#t.", "Stop being a pr__k.", "Arse-h*les in charge again.",
    "C*cksucker of a landlord.", "Sh-t service from the buses.", "Mother-f***ing parking wardens.", "Wh*re of a bank.",
]
for t in MASKED:
    add(t, False, "masked", masked=True)

# Clean rows of the same shapes, including Scunthorpe-type words and place names disguised the
# same ways as the profane rows.
CLEAN = {
    "benign-multichar": [
        "Best bunny drawing ever (\\_/) (='.'=)", "Table flip (╯°□°)╯︵ ┻━┻ at the fare rise", "\\o/ we won the cup \\o/",
        "Ratio is 3:1, or 3/1 if you like.", "Lenny face ( ͡° ͜ʖ ͡°) at the meeting", "m(_ _)m thank you nurses",
        "Run `ls -la | grep .txt` first", "if (a || b) && !c then retry", "Path C:\\Users\\Public\\Docs",
        "-> turn left at the <> sign", "Sc|_|nthorpe United won 2-0", "Pen!st()ne market is on Thursday",
        "C0ckf0sters is the end of the line", "Cl!ther0e Castle reopens", "Ess3x and |\\/|iddlesex cricket",
        "H!tchc0ck films at the BFI", "Arsenal 2-1 Spurs :-D", "My score: 8/10 [not bad]", "x -> y => z in the notes",
        "<3 Cocktails at 5pm ;-)", "Sussex|Kent|Essex rail map", "a[i] = b[i] + 1 in the loop",
        "Menu: (v) vegan, (gf) gluten free", "The D&D club meets at 7", "Grade: A- / B+", "I \\m/ heavy metal at Download",
        "As$e$$ment day for the |\\/|a+hs class", "Dr. Dickinson |MD| clinic hours", "Pe@c()ck butterflies in the park",
        "Sh|_|ttlec0ck final on Sunday",
    ],
    "benign-mixedscript": [
        "Добрый вечер из Киева", "Καλή χρονιά σε όλους", "Շնորհակալություն for the article", "ᏣᎳᎩ syllabary lessons at the library",
        "Sсunthоrpe\u200b United", "Ρеnіstоne\u200c Town Council", "Сlіthеrое\u2060 Castle", "Ⓢⓤⓝⓓⓐⓨ ⓜⓐⓡⓚⓔⓣ",
        "𝕮𝖔𝖈𝖐𝖋𝖔𝖘𝖙𝖊𝖗𝖘 station", "𝗦𝗰𝘂𝗻𝘁𝗵𝗼𝗿𝗽𝗲 𝗨𝗻𝗶𝘁𝗲𝗱", "H̶a̶n̶c̶o̶c̶k̶ resigned", "Ｃｏｃｋｔａｉｌ ｂａｒ",
        "ᴄʟᴀꜱꜱ ᴀᴄᴛ", "ᵗʰᵃⁿᵏ ʸᵒᵘ nurses", "Ess\u00adex coun\u00adty coun\u00adcil", "as\u200dsess\u200dment day",
        "Mat\u200csu\u200cshita", "Peacock\u200e feathers", "Shuttle\u2066cock\u2069 tournament", "Сок и вода на обед",
        "Класс! Отличная игра", "Ασσος is a Greek village", "Ꭰickens\u200b museum", "H̷̢e̵l̴l̶o̸ everyone",
        "C̲l̲a̲s̲s̲ of 2026", "Bass\u3164 guitar lessons", "Αρσεναλ won", "𝙿𝚎𝚗𝚒𝚜𝚝𝚘𝚗𝚎 𝚂𝚝𝚛𝚎𝚎𝚝", "ⓒⓛⓘⓣⓗⓔⓡⓞⓔ",
        "Cumnock\u200f Academy",
    ],
    "benign-emoji": [
        "Cocktails 🍸 at 6!", "Scunthorpe 🏟️ 2-0 win", "Penistone 🚂 line reopens", "Clitheroe 🏰 castle tour",
        "Essex 🦁 zoo day", "Peacock 🦚 at the park", "Shuttlecock 🏸 club nights", "Assessment 📝 results out",
        "Class 🎓 of 2026!", "Hancock 📺 on telly again", "$$ 💰 for parking", "5 ⭐⭐⭐⭐⭐ service", "Ca$h 💷 or card?",
        "N0 1 🥇 fan", "L0L 😂😂", "0MG 😱 the price", "Gr8 👍 job", "Sh! 🙊 secret", "St!ck 🏑 practice at 4",
        "Ba$$ 🎣 fishing trip", "A$$e$$ment 📝 day", "Gla$$ 🥃 half full", "Peac0ck 🦚 spotted", "Hi 👋🏽 from Sussex",
        "Top 3️⃣ reasons to visit", "🅰️ grade for the school", "Ⓜ️ for Manchester", "🅿️ parking full", "❌ no entry ❌",
        "ℹ️ info desk by the 🚪",
    ],
}
for kind, texts in CLEAN.items():
    for t in texts:
        add(t, False, kind)

with open(__file__.replace("make-profanity-unseen-c.py", "profanity-unseen-c.jsonl"), "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), "rows")
