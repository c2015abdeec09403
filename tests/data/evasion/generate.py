#!/usr/bin/env python3
"""Generates the labelled evasion corpus for tests/normalize/evasion_corpus_test.cc.

Writes, next to this script:
  rules.yaml          one `words` rule per language (action: censor) over
  lists/<lang>.txt    a dozen or so real profanity/abuse terms of each of
                      English, Chinese, Persian, Spanish, German, Russian and
                      Arabic, written natively;
  labelled.jsonl      posts built from those terms, one JSON object a line:
      {"id", "lang", "class", "variant", "text", "expect_match",
       "term", "region"}
    class   "trick/<name>"  an evaded term in a sentence: must match;
            "trap/<name>"   innocent text that naive matching flags: must not;
            "clean/<lang>"  ordinary sentences: must not match.
    variant which form of the trick or trap (for per-variant reporting).
    term    (tricks) the list term that was evaded, as listed.
    region  (tricks) [start, end) UTF-8 byte offsets of the evaded term in
            `text`, without invisible characters at its edges: the censored
            text must mask at least its first and last code points.

The tricks are the ones issue 3 says Vigil must see through (case and width,
mathematical and enclosed letters, accents, invisible characters, look-alike
letters, leetspeak, separators, repeats, Chinese separators and Traditional
forms, Persian/Arabic ZWNJ, kashida, harakat and letter forms) plus two
classes beyond its explicit list, kept apart so they do not blur the others:
`combined` (several tricks on one word) and `leetspeak_cyrillic`. Every trick
is applied to every term where it makes sense, in every language it applies
to. The traps are the innocent words the issue names (assassin, Scunthorpe,
this hit, gr8 g4m3, 你妈妈, کسی ...) and more of the same kinds. Exceptions
(`except:`) are written into rules.yaml only for traps a substring matcher
cannot tell apart, never for tricks.

Deterministic (fixed seed): the same script writes the same files byte for
byte. Invisible and bidi characters are written as \\uXXXX escapes in the
JSON so that the file can be read and reviewed.

    python3 tests/data/evasion/generate.py           # rewrites the files
    python3 tests/data/evasion/generate.py --check   # fails if they are stale
"""

import json
import os
import random
import sys
import unicodedata

SEED = 20240611
HERE = os.path.dirname(os.path.abspath(__file__))

rng = random.Random(SEED)

# ------------------------------------------------------------------ terms

TERMS = {
    "en": [
        "fuck", "fucking", "motherfucker", "shit", "bullshit", "bitch", "cunt",
        "asshole", "ass", "bastard", "dickhead", "cock", "wanker", "twat", "whore",
        "slut", "rapist", "penis", "anal", "kys",
    ],
    "es": [
        "puta", "puto", "mierda", "cabrón", "gilipollas", "pendejo", "coño", "joder",
        "hijo de puta", "maricón", "zorra", "culero", "verga", "carajo", "malparido",
        "chinga tu madre",
    ],
    "de": [
        "Arschloch", "Arsch", "Scheiße", "Fotze", "Hurensohn", "Wichser", "Schlampe",
        "Missgeburt", "Hure", "Fick dich", "Drecksau", "Spast", "Mistkerl", "Pisser",
        "Schwanzlutscher", "Dreckschwein",
    ],
    "ru": [
        "хуй", "пизда", "блядь", "бля", "сука", "ебать", "мудак", "говно", "пидор",
        "залупа", "шлюха", "долбоёб", "уёбок", "пиздец", "хуесос", "гандон", "хер",
    ],
    "fa": [
        "کس", "کیر", "کون", "منی", "کسکش", "کس\u200cخل", "جنده", "مادرجنده", "کونی",
        "جاکش", "حرومزاده", "پدرسگ", "لاشی", "قحبه", "گوه", "بی\u200cشرف", "کس ننت",
        "کیری",
    ],
    "ar": [
        "كس امك", "كسمك", "شرموطة", "منيوك", "عرص", "زب", "خول", "قحبة", "ابن الكلب",
        "يلعن ابوك", "طيز", "ابن الحرام", "عاهرة", "زاني", "متناك", "ابن الشرموطة",
    ],
    "zh": [
        "傻逼", "傻屄", "操你妈", "日你妈", "你妈", "他妈的", "草泥马", "王八蛋", "混蛋",
        "贱人", "婊子", "狗日的", "卧槽", "鸡巴", "尼玛", "我靠", "妈逼", "幹你娘",
    ],
}

LANG_NAMES = {
    "en": "English", "es": "Spanish", "de": "German", "ru": "Russian",
    "fa": "Persian", "ar": "Arabic", "zh": "Chinese",
}

# Exceptions: only for traps a substring/whole-word matcher cannot tell
# apart from the term. Where they live exercises both places the ruleset
# allows: on a list (applies to every rule using it) and on a rule.
LIST_EXCEPTIONS = {
    "zh": ["你妈妈", "我靠近", "我靠着", "我靠自己", "妈逼我", "妈逼他", "妈逼她", "妈逼着",
           "他妈的生日", "卧槽马", "尼玛县", "尼玛次仁", "鸡巴掌"],
    # "putto" (a cherub in art history) collapses to "puto" on the skeleton;
    # "cono" (cone) is "coño" without its tilde.
    "es": ["putto", "cono de helado", "forma de cono", "cono naranja"],
}
RULE_EXCEPTIONS = {
    "fa": ["هیچ کس", "هر کس", "بی کس", "کس دیگری", "کس دیگر", "عشق منی", "نفس منی",
           "کون و مکان"],
    # Twatt, a village in Orkney, collapses to "twat" on the skeleton.
    "en": ["Twatt"],
}

# ------------------------------------------------------------------ templates
# Realistic posts with the term in them. A few put a one-letter word next to
# the term ("a", "y", "и", "و") as people write it.

TEMPLATES = {
    "en": [
        'He replied "{w}" to everyone who disagreed with him.',
        "Why does the top comment just say {w} over and over?",
        "You are such a {w}, stop posting in this thread.",
        "Mods, user Kevin42 called me a {w} in the last match.",
        "{w}, I lost three hours of work because of this bug.",
        "Stop calling people {w} just because they disagree with you.",
        "She wrote {w} in the chat and then logged off.",
        "Total {w} move from the referee last night.",
        "I can't believe someone typed {w} under a charity stream.",
        "Reported him because his username literally contains {w} in it.",
    ],
    "es": [
        'Me escribió "{w}" en el chat y luego me bloqueó.',
        "¿Por qué el primer comentario solo dice {w}?",
        "Eres un {w}, deja de molestar en este hilo.",
        "Es un mentiroso y {w}, no le hagáis caso.",
        "{w}, perdí tres horas de trabajo por este error.",
        "Deja de llamar {w} a la gente que no piensa como tú.",
        "Alguien puso {w} debajo de la foto de mi perro.",
        "El árbitro de anoche fue un {w}, qué vergüenza.",
        "No hace falta escribir {w} en cada mensaje.",
        "Lo reporté porque me llamó {w} delante de todos.",
    ],
    "de": [
        'Er hat mir "{w}" in den Chat geschrieben und mich dann blockiert.',
        "Warum steht im ersten Kommentar nur {w}?",
        "Du bist so ein {w}, hör auf, hier zu posten.",
        "{w}, ich habe wegen dieses Fehlers drei Stunden Arbeit verloren.",
        "Hör auf, Leute {w} zu nennen, nur weil sie anderer Meinung sind.",
        "Jemand hat {w} unter das Foto meines Hundes geschrieben.",
        "Der Schiedsrichter war gestern ein echter {w}.",
        "Man muss nicht in jeden Beitrag {w} schreiben.",
        "Ich habe ihn gemeldet, weil er mich vor allen {w} genannt hat.",
        "Im Spiel hat mich jemand den ganzen Abend {w} genannt.",
    ],
    "ru": [
        "Он написал мне «{w}» в чате и сразу заблокировал.",
        "Почему в первом комментарии написано только {w}?",
        "Ты такой {w}, хватит писать в эту тему.",
        "{w}, я потерял три часа работы из-за этой ошибки.",
        "Хватит называть людей {w} только потому, что они не согласны.",
        "Кто-то написал {w} под фотографией моей собаки.",
        "Ну и {w} же этот судья вчера был.",
        "Не надо писать {w} в каждом сообщении.",
        "Я пожаловался, потому что он назвал меня {w} при всех.",
        "В игре меня весь вечер называли {w}.",
    ],
    "fa": [
        "توی چت بهم نوشت «{w}» و بعد بلاکم کرد.",
        "چرا اولین کامنت فقط نوشته {w}؟",
        "تو واقعاً {w} هستی، دیگه توی این تاپیک پست نذار.",
        "{w}، به خاطر این باگ سه ساعت کارم از دست رفت.",
        "دیگه به مردم نگو {w} فقط چون باهات موافق نیستن.",
        "یکی زیر عکس سگم نوشته {w}.",
        "داور دیشب واقعاً یه {w} بود.",
        "لازم نیست توی هر پیام بنویسی {w}.",
        "گزارشش دادم چون جلوی همه بهم گفت {w}.",
        "هم دروغگوست و {w}، بهش توجه نکنید.",
    ],
    "ar": [
        "كتب لي «{w}» في الدردشة ثم حظرني.",
        "لماذا أول تعليق مكتوب فيه {w} فقط؟",
        "أنت فعلاً {w}، توقف عن النشر في هذا الموضوع.",
        "{w}، خسرت ثلاث ساعات من العمل بسبب هذا الخطأ.",
        "توقف عن وصف الناس بكلمة {w} لمجرد أنهم يختلفون معك.",
        "أحدهم كتب {w} تحت صورة قطتي.",
        "الحكم أمس كان {w} بصراحة.",
        "لا داعي لكتابة {w} في كل رسالة.",
        "أبلغت عنه لأنه قال لي {w} أمام الجميع.",
        "سمعته يقول {w} في البث المباشر.",
    ],
    "zh": [
        "他在聊天里回了我一句“{w}”就把我拉黑了。",
        "为什么第一条评论只写了{w}？",
        "楼上真是{w}，别理他了。",
        "{w}，因为这个bug我白忙了三个小时。",
        "别动不动就骂别人{w}。",
        "有人在我家狗的照片下面写{w}。",
        "昨晚那个裁判简直就是{w}。",
        "没必要每条消息都带{w}吧。",
        "我举报了他，因为他当着大家的面说{w}。",
        "直播间里有人一直刷{w}。",
    ],
}

# Traditional Chinese posts, for terms written in Traditional characters.
TEMPLATES_HANT = [
    "他在聊天裡回了我一句「{w}」就把我拉黑了。",
    "為什麼第一條評論只寫了{w}？",
    "樓上真是{w}，別理他了。",
    "有人在我家狗的照片下面寫{w}。",
    "我檢舉了他，因為他當著大家的面說{w}。",
]

# ------------------------------------------------------------------ helpers

ZWNJ = "\u200c"
KASHIDA = "\u0640"


def is_letter(c):
    return unicodedata.category(c).startswith("L")


def words_of(term):
    """(start, end) index pairs of the space-separated words of `term`."""
    spans, i = [], 0
    while i < len(term):
        if term[i] == " ":
            i += 1
            continue
        j = i
        while j < len(term) and term[j] != " ":
            j += 1
        spans.append((i, j))
        i = j
    return spans


def letter_positions(term):
    return [i for i, c in enumerate(term) if is_letter(c)]


def inner_gaps(term):
    """Positions between two letters of the same word (insert before index)."""
    return [i for i in range(1, len(term)) if is_letter(term[i - 1]) and is_letter(term[i])]


def pick(seq):
    return seq[rng.randrange(len(seq))]


def script_of(term):
    for c in term:
        if not is_letter(c):
            continue
        name = unicodedata.name(c, "")
        for s in ("LATIN", "CYRILLIC", "ARABIC", "CJK"):
            if name.startswith(s):
                return s
    return "OTHER"


# ------------------------------------------------------------------ tricks
# Each returns a list of (variant, evaded_term); [] where it does not apply.


def t_case(lang, term):
    if script_of(term) not in ("LATIN", "CYRILLIC"):
        return []
    alt = "".join(c.upper() if k % 2 else c.lower() for k, c in enumerate(term))
    title = term[:1].upper() + term[1:].lower()
    out = [("upper", term.upper()), ("alternating", alt)]
    if title != term:
        out.append(("title", title))
    else:
        out.append(("lower", term.lower()))
    return out


def fullwidth_char(c):
    if "a" <= c <= "z" or "A" <= c <= "Z":
        return chr(ord(c) - 0x21 + 0xFF01)
    return c


def t_fullwidth(lang, term):
    if script_of(term) != "LATIN":
        return []
    full = "".join(fullwidth_char(c) for c in term)
    full_upper = "".join(fullwidth_char(c) for c in term.upper())
    pos = [i for i in letter_positions(term) if term[i].isascii()]
    k = rng.sample(pos, max(1, len(pos) // 2))
    partial = "".join(fullwidth_char(c) if i in k else c for i, c in enumerate(term))
    return [("full", full), ("full_upper", full_upper), ("partial", partial)]


# Mathematical alphanumerics: style -> the Unicode name prefix. Letters the
# block leaves out ("holes") are in Letterlike Symbols.
MATH_STYLES = [
    "BOLD", "ITALIC", "BOLD ITALIC", "SCRIPT", "BOLD SCRIPT", "FRAKTUR",
    "DOUBLE-STRUCK", "BOLD FRAKTUR", "SANS-SERIF", "SANS-SERIF BOLD",
    "SANS-SERIF ITALIC", "MONOSPACE",
]
MATH_HOLES = {
    ("ITALIC", "h"): "\u210e", ("SCRIPT", "e"): "\u212f", ("SCRIPT", "g"): "\u210a",
    ("SCRIPT", "o"): "\u2134", ("SCRIPT", "B"): "\u212c", ("SCRIPT", "E"): "\u2130",
    ("SCRIPT", "F"): "\u2131", ("SCRIPT", "H"): "\u210b", ("SCRIPT", "I"): "\u2110",
    ("SCRIPT", "L"): "\u2112", ("SCRIPT", "M"): "\u2133", ("SCRIPT", "R"): "\u211b",
    ("FRAKTUR", "C"): "\u212d", ("FRAKTUR", "H"): "\u210c", ("FRAKTUR", "I"): "\u2111",
    ("FRAKTUR", "R"): "\u211c", ("FRAKTUR", "Z"): "\u2128", ("DOUBLE-STRUCK", "C"): "\u2102",
    ("DOUBLE-STRUCK", "H"): "\u210d", ("DOUBLE-STRUCK", "N"): "\u2115",
    ("DOUBLE-STRUCK", "P"): "\u2119", ("DOUBLE-STRUCK", "Q"): "\u211a",
    ("DOUBLE-STRUCK", "R"): "\u211d", ("DOUBLE-STRUCK", "Z"): "\u2124",
}
# Enclosed alphanumerics: (variant, function of an ASCII letter).
ENCLOSED = [
    ("circled", lambda c: unicodedata.lookup("CIRCLED LATIN SMALL LETTER " + c.upper())),
    ("circled_capital",
     lambda c: unicodedata.lookup("CIRCLED LATIN CAPITAL LETTER " + c.upper())),
    ("parenthesized",
     lambda c: unicodedata.lookup("PARENTHESIZED LATIN SMALL LETTER " + c.upper())),
    ("squared", lambda c: unicodedata.lookup("SQUARED LATIN CAPITAL LETTER " + c.upper())),
    ("negative_circled",
     lambda c: unicodedata.lookup("NEGATIVE CIRCLED LATIN CAPITAL LETTER " + c.upper())),
    ("negative_squared",
     lambda c: unicodedata.lookup("NEGATIVE SQUARED LATIN CAPITAL LETTER " + c.upper())),
]


def math_char(style, c):
    if not c.isascii() or not c.isalpha():
        return c
    if (style, c) in MATH_HOLES:
        return MATH_HOLES[(style, c)]
    case = "CAPITAL" if c.isupper() else "SMALL"
    return unicodedata.lookup("MATHEMATICAL %s %s %s" % (style, case, c.upper()))


_math_round = [0]


def t_math_alnum(lang, term):
    if script_of(term) != "LATIN":
        return []
    styles = [("math_" + s.lower().replace(" ", "_").replace("-", "_"), s) for s in MATH_STYLES]
    variants = [(name, lambda c, s=s: math_char(s, c)) for name, s in styles] + ENCLOSED
    out = []
    for _ in range(4):  # round-robin over every style, across terms
        name, fn = variants[_math_round[0] % len(variants)]
        _math_round[0] += 1
        out.append((name, "".join(fn(c) if c.isascii() and c.isalpha() else c for c in term)))
    return out


ACCENTS_LATIN = {
    "a": "àáâäãåā", "e": "èéêëē", "i": "ìíîïī", "o": "òóôöõō", "u": "ùúûüū",
    "c": "çćč", "n": "ñń", "s": "śšş", "y": "ýÿ", "z": "žź", "k": "ķ", "t": "ţť",
    "l": "ĺļ", "r": "ŕř", "g": "ğ", "h": "ĥ", "d": "ď", "w": "ŵ",
}
ACCENTS_CYRILLIC = {
    "у": "ӯӱ", "а": "ӓ", "о": "ӧ", "и": "ӣӥ", "е": "ё", "э": "ӭ", "ы": "ӹ", "ж": "ӝ",
    "з": "ӟ", "ч": "ӵ",
}


def strip_marks(s):
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", s)
                       if not unicodedata.combining(c)))


def t_accents_precomposed(lang, term):
    sc = script_of(term)
    if sc not in ("LATIN", "CYRILLIC"):
        return []
    table = ACCENTS_LATIN if sc == "LATIN" else ACCENTS_CYRILLIC
    pos = [i for i, c in enumerate(term) if c.lower() in table]
    out = []
    if pos:
        for variant, n in (("one", 1), ("several", min(3, len(pos)))):
            chosen = rng.sample(pos, n)
            s = list(term)
            for i in chosen:
                acc = pick(table[term[i].lower()])
                s[i] = acc.upper() if term[i].isupper() else acc
            out.append((variant, "".join(s)))
    # The reverse: the list writes the accent, the post leaves it out.
    stripped = strip_marks(term)
    if stripped != term:
        out.append(("stripped", stripped))
    if "ß" in term:
        out.append(("eszett_as_ss", term.replace("ß", "ss")))
    return out


COMBINING = ["\u0301", "\u0300", "\u0308", "\u0303", "\u0302", "\u0327", "\u030c", "\u0304"]


def t_accents_combining(lang, term):
    sc = script_of(term)
    if sc not in ("LATIN", "CYRILLIC"):
        return []
    pos = letter_positions(term)
    out = []
    # One mark after one letter (a Russian stress mark is this).
    i = pick(pos)
    out.append(("one_mark", term[: i + 1] + pick(COMBINING) + term[i + 1:]))
    # Everything decomposed, after accenting a letter or two.
    pre = t_accents_precomposed(lang, term)
    if pre:
        out.append(("decomposed", unicodedata.normalize("NFD", pre[0][1])))
    # Fancy-text strikethrough and underline: a mark after every letter.
    mark = pick(["\u0336", "\u0332", "\u0335", "\u0338"])
    out.append(("every_letter", "".join(c + mark if is_letter(c) else c for c in term)))
    # "Zalgo": several stacked marks on each letter.
    zalgo = "".join(c + "".join(pick(COMBINING + ["\u0346", "\u0489", "\u035c"])
                                for _ in range(3)) if is_letter(c) else c for c in term)
    out.append(("zalgo", zalgo))
    return out


INVISIBLES = [
    ("zwsp", "\u200b"), ("zwnj", "\u200c"), ("zwj", "\u200d"), ("word_joiner", "\u2060"),
    ("bom", "\ufeff"), ("soft_hyphen", "\u00ad"), ("lrm", "\u200e"), ("rlm", "\u200f"),
    ("lre", "\u202a"), ("rle", "\u202b"), ("pdf", "\u202c"), ("lro", "\u202d"),
    ("rlo", "\u202e"), ("lri", "\u2066"), ("rli", "\u2067"), ("fsi", "\u2068"),
    ("pdi", "\u2069"),
]
_inv_round = [0]


def next_invisible(lang):
    while True:
        name, ch = INVISIBLES[_inv_round[0] % len(INVISIBLES)]
        _inv_round[0] += 1
        if lang == "fa" and name == "zwnj":
            continue  # Persian ZWNJ is its own class
        return name, ch


def insert_at(term, positions, text):
    s = term
    for p in sorted(positions, reverse=True):
        s = s[:p] + text + s[p:]
    return s


def t_invisible(lang, term):
    gaps = inner_gaps(term)
    if not gaps:
        return []
    out = []
    name, ch = next_invisible(lang)
    out.append((name + "_one", insert_at(term, [pick(gaps)], ch)))
    name, ch = next_invisible(lang)
    out.append((name + "_every_gap", insert_at(term, gaps, ch)))
    # A bidi isolate or embedding pair around part of the word.
    a, b = sorted(rng.sample(gaps, 2)) if len(gaps) >= 2 else (gaps[0], len(term))
    opener, closer = pick([("\u2066", "\u2069"), ("\u2067", "\u2069"), ("\u202a", "\u202c"),
                           ("\u202b", "\u202c"), ("\u2068", "\u2069")])
    out.append(("bidi_pair", term[:a] + opener + term[a:b] + closer + term[b:]))
    # Around the word too: the censor must still mask the word itself.
    name, ch = next_invisible(lang)
    out.append((name + "_edges", ch + insert_at(term, [pick(gaps)], ch) + ch))
    # Mixed: two different invisibles in two gaps.
    if len(gaps) >= 2:
        g = sorted(rng.sample(gaps, 2))
        s = term[: g[1]] + next_invisible(lang)[1] + term[g[1]:]
        s = s[: g[0]] + next_invisible(lang)[1] + s[g[0]:]
        out.append(("mixed", s))
    return out


# Look-alikes. Latin letter -> look-alikes from other scripts.
CYR_FOR_LATIN = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "i": "і",
                 "s": "ѕ", "y": "у", "j": "ј", "h": "һ", "d": "ԁ"}
GREEK_FOR_LATIN = {"o": "ο", "a": "α", "i": "ι", "v": "ν", "u": "υ", "p": "ρ", "y": "γ"}
CYR_UPPER_FOR_LATIN = {"A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О",
                       "P": "Р", "C": "С", "T": "Т", "X": "Х", "Y": "У"}
GREEK_UPPER_FOR_LATIN = {"A": "Α", "B": "Β", "E": "Ε", "Z": "Ζ", "H": "Η", "I": "Ι", "K": "Κ",
                         "M": "Μ", "N": "Ν", "O": "Ο", "P": "Ρ", "T": "Τ", "Y": "Υ", "X": "Χ"}
# UTS #39 maps these Latin-script letters to one ASCII letter.
LATIN_LOOKALIKE = {"i": "ı", "a": "ɑ", "g": "ɡ", "c": "ᴄ", "o": "ᴏ", "u": "ᴜ", "v": "ᴠ",
                   "w": "ᴡ", "z": "ᴢ", "s": "ꜱ", "y": "ʏ"}
# Cyrillic letter -> the Latin letter people type for it.
LATIN_FOR_CYR = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
                 "к": "k"}
LATIN_UPPER_FOR_CYR = {"А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H",
                       "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "У": "Y"}


def substitute(term, table, count, upper=False):
    base = term.upper() if upper else term
    pos = [i for i, c in enumerate(base) if c in table]
    if not pos:
        return None
    chosen = rng.sample(pos, min(count, len(pos)))
    return "".join(table[c] if i in chosen else c for i, c in enumerate(base))


def t_confusables(lang, term):
    sc = script_of(term)
    out = []
    if sc == "LATIN":
        lower = term.lower()
        for variant, table, upper, n in (
            ("cyrillic", CYR_FOR_LATIN, False, 2),
            ("greek", GREEK_FOR_LATIN, False, 1),
            ("cyrillic_in_upper_word", CYR_UPPER_FOR_LATIN, True, 2),
            ("greek_in_upper_word", GREEK_UPPER_FOR_LATIN, True, 1),
            ("latin_lookalike", LATIN_LOOKALIKE, False, 1),
        ):
            s = substitute(lower, table, n, upper)
            if s:
                out.append((variant, s))
    elif sc == "CYRILLIC":
        s = substitute(term, LATIN_FOR_CYR, 2)
        if s:
            out.append(("latin_in_cyrillic", s))
        s = substitute(term, LATIN_UPPER_FOR_CYR, 2, upper=True)
        if s:
            out.append(("latin_in_upper_cyrillic", s))
    return out


LEET_DIGIT = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "g": "6", "b": "8"}
LEET_SYMBOL = {"a": "@", "s": "$", "i": "!"}
LEET_DIGIT_CYR = {"а": "4", "е": "3", "о": "0"}


def leet(term, digit_table, symbol_table, want_digits, want_symbols):
    """Substitutes inside the longest word so that its letters still
    outnumber its digits; '!' never ends a word. None if impossible."""
    spans = words_of(term)
    a, b = max(spans, key=lambda s: s[1] - s[0])
    word = term[a:b]
    dpos = [i for i, c in enumerate(word) if c.lower() in digit_table]
    spos = [i for i, c in enumerate(word) if c.lower() in symbol_table
            and not (symbol_table.get(c.lower()) == "!" and i == len(word) - 1)]
    rng.shuffle(dpos)
    rng.shuffle(spos)
    chosen = {}
    for i in spos[:want_symbols]:
        chosen[i] = symbol_table[word[i].lower()]
    digits = 0
    for i in dpos:
        if digits >= want_digits or i in chosen:
            continue
        letters_left = sum(1 for k, c in enumerate(word) if is_letter(c) and k not in chosen) - 1
        if letters_left <= digits + 1:
            break
        chosen[i] = digit_table[word[i].lower()]
        digits += 1
    if len(chosen) < want_digits + want_symbols and len(chosen) < 1:
        return None
    if want_digits and not digits:
        return None
    if want_symbols and not any(v in "@$!" for v in chosen.values()):
        return None
    new = "".join(chosen.get(i, c) for i, c in enumerate(word))
    return term[:a] + new + term[b:]


def t_leetspeak(lang, term):
    sc = script_of(term)
    out = []
    if sc == "LATIN":
        for variant, nd, ns in (("one_digit", 1, 0), ("two_digits", 2, 0), ("symbol", 0, 1),
                                ("digits_and_symbols", 1, 2)):
            s = leet(term, LEET_DIGIT, LEET_SYMBOL, nd, ns)
            if s and s != term and s not in [o[1] for o in out]:
                out.append((variant, s))
    elif sc == "CYRILLIC":
        # Latin leet values of Cyrillic letters that look like Latin ones.
        for variant, nd in (("one_digit", 1), ("two_digits", 2)):
            s = leet(term, LEET_DIGIT_CYR, {}, nd, 0)
            if s and s != term and s not in [o[1] for o in out]:
                out.append((variant, s))
    return out


# Russian leetspeak: a digit that stands for a Cyrillic letter with no Latin
# look-alike (б→6). з→3 and ч→4 are left out on purpose: the same digits
# stand for е and а in Cyrillic words (LEET_DIGIT_CYR above), and the
# skeleton has one reading per digit; it takes е and а, the commoner ones.
LEET_CYRILLIC_ONLY = {"б": "6"}


def t_leetspeak_cyrillic(lang, term):
    if script_of(term) != "CYRILLIC":
        return []
    s = leet(term, LEET_CYRILLIC_ONLY, {}, 1, 0)
    return [("cyrillic_digit", s)] if s and s != term else []


SEPARATORS = [
    ("dot", "."), ("space", " "), ("hyphen", "-"), ("underscore", "_"), ("asterisk", "*"),
    ("dot_space", ". "), ("slash", "/"), ("tilde", "~"), ("middle_dot", "·"),
    ("bullet", "•"), ("double_space", "  "), ("comma", ","),
]
_sep_round = [0]


def separate(term, sep_fn):
    """Separators between the letters of every word of at least two letters."""
    out = []
    for k, c in enumerate(term):
        out.append(c)
        if k + 1 < len(term) and is_letter(c) and is_letter(term[k + 1]):
            out.append(sep_fn())
    return "".join(out)


def t_separators(lang, term):
    if script_of(term) == "CJK" or not inner_gaps(term):
        return []
    # In a phrase the words keep their space ("h.i.j.o d.e p.u.t.a"); a space
    # between its letters too would leave no word boundary to see.
    phrase = " " in term
    # Spelled out letter by letter, a Persian compound loses its half-space.
    term = term.replace(ZWNJ, "")
    out = []
    while len(out) < 3:
        name, sep = SEPARATORS[_sep_round[0] % len(SEPARATORS)]
        _sep_round[0] += 1
        if phrase and " " in sep:
            continue
        out.append((name, separate(term, lambda sep=sep: sep)))
    mixed = [".", "-", "_", "*", "/"] + ([] if phrase else [" "])
    out.append(("mixed", separate(term, lambda: pick(mixed))))
    return out


def t_repeats(lang, term):
    sc = script_of(term)
    if sc == "CJK":
        return []
    pos = letter_positions(term)
    vowels = set("aeiouаеиоуыэюяё") | set("اوی")
    out = []
    vpos = [i for i in pos if term[i].lower() in vowels] or pos
    i = pick(vpos)
    out.append(("stretched_vowel", term[:i] + term[i] * rng.randint(3, 7) + term[i + 1:]))
    i = pick(pos)
    out.append(("doubled_letter", term[:i] + term[i] * 2 + term[i + 1:]))
    last = pos[-1]
    out.append(("stretched_end", term[:last] + term[last] * rng.randint(3, 6) + term[last + 1:]))
    chosen = sorted(rng.sample(pos, min(3, len(pos))), reverse=True)
    s = term
    for i in chosen:
        s = s[:i] + s[i] * rng.randint(2, 4) + s[i + 1:]
    out.append(("several_letters", s))
    return out


HAN_SEPARATORS = [
    ("space", " "), ("ideographic_space", "\u3000"), ("middle_dot", "·"), ("asterisk", "*"),
    ("dot", "."), ("hyphen", "-"), ("underscore", "_"), ("slash", "/"), ("tilde", "~"),
    ("fullwidth_bar", "｜"), ("emoji", "😂"), ("katakana_middle_dot", "・"),
]
_han_round = [0]


def t_han_separators(lang, term):
    if lang != "zh":
        return []
    out = []
    for _ in range(3):
        name, sep = HAN_SEPARATORS[_han_round[0] % len(HAN_SEPARATORS)]
        _han_round[0] += 1
        out.append((name, sep.join(term)))
    mixed = [" ", "·", "*", "-", "_", "/", "~", "😂", "\u3000"]
    out.append(("mixed", "".join(c + (pick(mixed) if k + 1 < len(term) else "")
                                 for k, c in enumerate(term))))
    return out


SIMP_TO_TRAD = {"妈": "媽", "贱": "賤", "鸡": "雞", "马": "馬", "卧": "臥", "玛": "瑪",
                "傻": "傻", "逼": "逼", "干": "幹"}
TRAD_TO_SIMP = {"幹": "干", "媽": "妈"}


def t_han_traditional(lang, term):
    if lang != "zh":
        return []
    trad = "".join(SIMP_TO_TRAD.get(c, c) for c in term)
    simp = "".join(TRAD_TO_SIMP.get(c, c) for c in term)
    if trad != term:
        return [("traditional", trad)]
    if simp != term:
        return [("simplified", simp)]
    return []


def t_persian_zwnj(lang, term):
    if lang != "fa":
        return []
    out = []
    gaps = inner_gaps(term)
    if gaps:
        out.append(("inside_word", insert_at(term, [pick(gaps)], ZWNJ)))
    if ZWNJ in term:
        out.append(("dropped", term.replace(ZWNJ, "")))
    # Compounds people write with or without a half-space.
    for stem in ("کس", "مادر", "حروم", "پدر", "جا"):
        if term.startswith(stem) and len(term) > len(stem) and is_letter(term[len(stem)]):
            out.append(("at_morpheme", term[: len(stem)] + ZWNJ + term[len(stem):]))
            break
    return out


# Letters after which a kashida can stretch the joint (dual-joining).
NON_JOINING_LEFT = set("اآأإٱدذرزژوؤةء")


def kashida_gaps(term):
    return [i for i in inner_gaps(term) if term[i - 1] not in NON_JOINING_LEFT]


def t_persian_kashida(lang, term):
    if lang not in ("fa", "ar"):
        return []
    gaps = kashida_gaps(term)
    if not gaps:
        return []
    out = [("one", insert_at(term, [pick(gaps)], KASHIDA)),
           ("long", insert_at(term, [pick(gaps)], KASHIDA * rng.randint(3, 8))),
           ("every_joint", insert_at(term, gaps, KASHIDA * rng.randint(1, 3)))]
    return out


HARAKAT = ["\u064e", "\u064f", "\u0650", "\u0652", "\u064b", "\u064c", "\u064d"]
SHADDA = "\u0651"


def t_persian_harakat(lang, term):
    if lang not in ("fa", "ar"):
        return []
    pos = letter_positions(term)
    i = pick(pos)
    out = [("one", term[: i + 1] + pick(HARAKAT) + term[i + 1:])]
    full = "".join(c + pick(HARAKAT) if is_letter(c) else c for c in term)
    out.append(("full", full))
    i = pick(pos)
    out.append(("shadda", term[: i + 1] + SHADDA + pick(HARAKAT[:3]) + term[i + 1:]))
    return out


def presentation_forms(term):
    """Each Arabic letter as its contextual presentation form (as text copied
    out of some PDFs is)."""
    out = []
    for k, c in enumerate(term):
        if not is_letter(c):
            out.append(c)
            continue
        prev_joins = k > 0 and is_letter(term[k - 1]) and term[k - 1] not in NON_JOINING_LEFT
        next_joins = (k + 1 < len(term) and is_letter(term[k + 1]) and c not in NON_JOINING_LEFT)
        form = {(False, False): "ISOLATED", (False, True): "INITIAL",
                (True, True): "MEDIAL", (True, False): "FINAL"}[(prev_joins, next_joins)]
        name = unicodedata.name(c)
        try:
            out.append(unicodedata.lookup("%s %s FORM" % (name, form)))
        except KeyError:
            try:
                out.append(unicodedata.lookup("%s ISOLATED FORM" % name))
            except KeyError:
                out.append(c)
    return "".join(out)


def t_arabic_letter_forms(lang, term):
    if lang not in ("fa", "ar"):
        return []
    out = []
    if lang == "fa":
        if "ی" in term:
            out.append(("arabic_yeh", term.replace("ی", "ي")))
        if "ک" in term:
            out.append(("arabic_kaf", term.replace("ک", "ك")))
        if term.endswith("ه"):
            out.append(("teh_marbuta", term[:-1] + "ة"))
        if term.endswith("ی"):
            out.append(("alef_maksura", term[:-1] + "ى"))
    else:
        if "ة" in term:
            out.append(("heh_for_teh_marbuta", term.replace("ة", "ه")))
        if term.endswith("ي"):
            out.append(("alef_maksura", term[:-1] + "ى"))
        if "ي" in term:
            out.append(("farsi_yeh", term.replace("ي", "ی")))
        if "ك" in term:
            out.append(("keheh", term.replace("ك", "ک")))
        # Alef at the start of a word with hamza or madda.
        starts = [s for s, _ in words_of(term) if term[s] == "ا"]
        if starts:
            s = pick(starts)
            out.append(("alef_hamza", term[:s] + pick("أإآ") + term[s + 1:]))
    out.append(("presentation_forms", presentation_forms(term)))
    return out


_combined_round = [0]


def stretch_last(s, n):
    k = max(i for i, c in enumerate(s) if is_letter(c))
    return s[:k] + s[k] * n + s[k + 1:]


def t_combined(lang, term):
    """Several tricks on one word, as determined evaders stack them."""
    sc = script_of(term)
    if sc != "CJK" and not inner_gaps(term):
        return []
    r = _combined_round[0]
    _combined_round[0] += 1
    if sc == "LATIN":
        steps = [
            ("confusable+invisible", lambda t: insert_at(
                substitute(t.lower(), CYR_FOR_LATIN, 1) or t, [pick(inner_gaps(t))], "\u200b")),
            ("upper+separators", lambda t: separate(t.upper(), lambda: ".")),
            ("leet+repeat", lambda t: stretch_last(leet(t, LEET_DIGIT, LEET_SYMBOL, 1, 0) or t, 4)),
            ("fullwidth+accent", lambda t: "".join(
                fullwidth_char(c) + ("\u0301" if k == 1 else "") for k, c in enumerate(t))),
        ]
    elif sc == "CYRILLIC":
        steps = [
            ("upper+soft_hyphen", lambda t: insert_at(t.upper(), [pick(inner_gaps(t))], "\u00ad")),
            ("repeat+stress", lambda t: (lambda i: t[: i + 1] + "\u0301" + t[i] * 3 + t[i + 1:])(
                pick(letter_positions(t)))),
        ]
    elif sc == "ARABIC":
        def kashida_harakat(t):
            gaps = kashida_gaps(t)
            s = insert_at(t, [pick(gaps)], KASHIDA * 3) if gaps else t
            return s[0] + "\u064e" + s[1:]

        def forms_invisible(t):
            s = (t.replace("ی", "ي").replace("ک", "ك") if lang == "fa"
                 else t.replace("ة", "ه").replace("ي", "ی"))
            return insert_at(s, [pick(inner_gaps(s))], "\u200b")
        steps = [("kashida+harakat", kashida_harakat), ("letter_forms+invisible", forms_invisible)]
    else:  # CJK
        steps = [
            ("traditional+separators", lambda t: " ".join(SIMP_TO_TRAD.get(c, c) for c in t)),
            ("invisible+separator", lambda t: "\u200b·".join(t)),
        ]
    name, fn = steps[r % len(steps)]
    s = fn(term)
    return [(name, s)] if s and s != term else []


TRICKS = [
    ("case", t_case),
    ("fullwidth", t_fullwidth),
    ("math_alnum", t_math_alnum),
    ("accents_precomposed", t_accents_precomposed),
    ("accents_combining", t_accents_combining),
    ("invisible", t_invisible),
    ("confusables", t_confusables),
    ("leetspeak", t_leetspeak),
    ("separators", t_separators),
    ("repeats", t_repeats),
    ("han_separators", t_han_separators),
    ("han_traditional", t_han_traditional),
    ("persian_zwnj", t_persian_zwnj),
    ("persian_kashida", t_persian_kashida),
    ("persian_harakat", t_persian_harakat),
    ("arabic_letter_forms", t_arabic_letter_forms),
    # Beyond the explicit list; kept apart.
    ("combined", t_combined),
    ("leetspeak_cyrillic", t_leetspeak_cyrillic),
]
# persian_digits: no listed term contains a digit, so there is nothing to
# evade with Persian or Arabic-Indic digits (they appear in the
# benign_obfuscation traps instead, where they must stay digits).

# ------------------------------------------------------------------ traps

TRAPS = {
    # Whole-word semantics: the listed term inside a longer ordinary word.
    "substrings": [
        ("en", "The assassin in chapter three is my favourite character."),
        ("en", "I grew up near Scunthorpe and still support the local team."),
        ("en", "We ordered a cocktail and a plate of shiitake dumplings."),
        ("en", "My therapist suggested I take a break from social media."),
        ("en", "The train from Penistone to Sheffield was late again."),
        ("en", "The statistical analysis is in the appendix of the paper."),
        ("en", "My class starts at nine, so I'll reply later."),
        ("en", "He plays bass in a local jazz band."),
        ("en", "Read the passage twice before answering the questions."),
        ("en", "The pilot let us see the cockpit after landing."),
        ("en", "A peacock wandered into the garden this morning."),
        ("en", "Can I assume the assistant will handle the embassy paperwork?"),
        ("en", "Grass, a compass and a classic canal walk make a good weekend."),
        ("en", "The analyst said the data looked banal but the analog signal was clean."),
        ("en", "Herbie Hancock played a classic set last night."),
        ("en", "Shiitake, also spelled shitake, are easy to grow at home."),
        ("en", "The cockatoo and the cocker spaniel got along fine."),
        ("en", "She works as a physiotherapist and her brother as a psychotherapist."),
        ("en", "Matsushita was the old name of Panasonic."),
        ("en", "The Scunthorpe problem is a classic case for word filters."),
        ("en", "Penistone Grammar School has a new head teacher."),
        ("en", "Our new assessment of the pass rate is positive."),
        ("en", "The sky was cloudless over the Kyshtym lake."),
        ("en", "Whoever wrote this shitake recipe forgot the garlic."),
        ("es", "La disputa sobre la computadora afectó a su reputación."),
        ("es", "Me parece ridículo que la película dure tres horas."),
        ("es", "El vehículo estaba aparcado frente al edificio."),
        ("es", "El diputado fue imputado por la fiscalía."),
        ("es", "Tomamos un coñac después de cenar en casa de mis padres."),
        ("es", "Las vergas del barco se rompieron en la tormenta."),
        ("de", "Die Arschbombe ins Schwimmbad war legendär."),
        ("de", "Nach dem Schlaganfall hat er eine leichte Spastik im Arm."),
        ("de", "Mein Opa spielt gern auf seinem Fotzenhobel."),
        ("de", "Die Schlamperei im Büro muss aufhören."),
        ("de", "Der Pissoir im Bahnhof war endlich sauber."),
        ("ru", "Корабля не было видно из-за тумана."),
        ("ru", "Я отдал за книгу двести рублей, а за саблю больше."),
        ("ru", "На столе лежало зелёное сукно."),
        ("ru", "Мы видели барсука у реки."),
        ("ru", "Мой друг переехал в Херсон прошлой весной."),
        ("ru", "Он любит хлебать горячий суп ложкой."),
        ("ar", "اشتريت زبدة وزبيب من السوق."),
        ("ar", "خدمة الزبون في هذا المتجر ممتازة."),
        ("ar", "صديقتي خولة تدرس الطب في القاهرة."),
        ("ar", "كسر الزجاج عندما سقطت الكرة."),
        ("ar", "هذا عكس ما قاله المدير تماماً."),
    ],
    # Joining separated letters only where the run is one-letter tokens.
    "joined_words": [
        ("en", "Why did this hit single never get a video?"),
        ("en", "I was so tired after the shift that I slept twelve hours."),
        ("en", "The pen is on the table next to the keys."),
        ("en", "We saw an alligator at the zoo on Sunday."),
        ("en", "Sky sources say the transfer is almost done."),
        ("en", "In the hyphenation drill the kid split it as a nal ysis, which is wrong."),
        ("en", "Paris hit by storms again, flights cancelled."),
        ("en", "The Germans hit back in the second half."),
        ("en", "Is hit detection broken in the new patch?"),
        ("en", "It was so good to see you all at the meetup."),
        ("en", "Tess hit the ball over the fence."),
        ("en", "Class starts soon, grab a pen and a notebook."),
        ("en", "Sir, a pen is all you need for the exam."),
        ("en", "The Kansas hit parade of 1962 is on the radio tonight."),
        ("es", "Mi casa es tu casa, ven cuando quieras."),
        ("de", "Er ist so müde, dass er sofort einschläft."),
        ("ru", "Я и ты пойдём в кино в субботу."),
        ("fa", "من و تو فردا به سینما می‌رویم."),
    ],
    # Benign text that looks like obfuscation.
    "benign_obfuscation": [
        ("en", "gr8 g4m3 everyone, see you next week"),
        ("en", "Total n00b question: how do I reset my password?"),
        ("en", "T H A N K S for all the help, this forum is great"),
        ("en", "This pizza is sooooo good, I'm ordering again"),
        ("en", "We met at a small café near the station."),
        ("en", "Working from home today 👩‍💻 with the family 👨‍👩‍👧 around"),
        ("en", "Happy Pride 🏳️‍🌈 everyone! 👍🏽"),
        ("en", "The bundle costs $50, or $5.99 a month."),
        ("en", "Call the office on +1 (415) 555-0132 if the site is down."),
        ("en", "Upgrade to version 1.2.3 before installing the plugin."),
        ("en", "The Galaxy A55 and the Pixel 7a are both on sale."),
        ("en", "Meet me at 4pm, or 5:30 at the latest."),
        ("en", "l33t h4x0r skills, w00t!"),
        ("en", "C U L8R, I have to run"),
        ("en", "The U.S.A. and the U.K. signed the treaty a.k.a. the accord."),
        ("en", "Set $HOME and $PATH before running the script."),
        ("en", "Wow!!! That was amazing!!!"),
        ("en", "A$AP Rocky and Ke$ha were both at the festival."),
        ("en", "Please reply ASAP, it's urgent."),
        ("en", "I got an A+ on the exam and a B- in the lab."),
        ("en", "Ping @sarah_k and @devops-team about the outage."),
        ("en", "S O S, my build is broken again"),
        ("en", "Our team in Zürich loved the naïve façade of the old building."),
        ("en", "The score was 3-0, then 4-4, what a match."),
        ("en", "Nooooo, the server went down again"),
        ("en", "Use x^2 + 3x - 4 = 0 for the exercise."),
        ("en", "Flights at 06:45 and 21:10 are still available."),
        ("en", "The file is called report_v2_final_FINAL.docx"),
        ("es", "G R A C I A S a todos por la ayuda"),
        ("es", "Cuesta 20€ o 5,99€ al mes."),
        ("de", "D A N K E für die schnelle Antwort"),
        ("de", "Das Update 2.14.3 behebt den Absturz."),
        ("ru", "С П А С И Б О всем за помощь"),
        ("ru", "Звоните по номеру +7 495 123-45-67."),
        ("zh", "666，这波操作太秀了"),
        ("zh", "哈哈哈2333，笑死我了"),
        ("zh", "价格是¥1999，版本v2.0.1"),
        ("zh", "我的电话是138 0013 8000，有事打给我"),
        ("fa", "شماره‌ام ۰۹۱۲ ۳۴۵ ۶۷۸۹ است، عصر زنگ بزنید"),
        ("fa", "قیمتش ۲۵۰ هزار تومان است، نسخه ۱.۲.۳"),
        ("fa", "سلـــــام به همه دوستان عزیز"),
        ("fa", "مرررررسی از همه"),
        ("ar", "رقمي ٠١٢٣٤٥٦٧٨٩ اتصل بي مساءً"),
        ("ar", "شكـــــراً جزيلاً لكم"),
    ],
    # Chinese: substrings that are ordinary words (exceptions in rules.yaml)
    # and everyday words that contain a character of a term.
    "chinese_words": [
        ("zh", "你妈妈做的红烧肉真好吃。"),
        ("zh", "替我向你妈妈问好。"),
        ("zh", "替我向你媽媽問好。"),
        ("zh", "我靠近窗户坐着，风有点大。"),
        ("zh", "我靠着墙站了一会儿。"),
        ("zh", "这件事我靠自己解决了。"),
        ("zh", "我妈逼我每天练两个小时钢琴。"),
        ("zh", "小时候我妈逼着我学奥数。"),
        ("zh", "他妈逼他去相亲，他很烦。"),
        ("zh", "他妈的生日是下周三，他爸在准备礼物。"),
        ("zh", "下象棋时卧槽马是一种很厉害的杀法。"),
        ("zh", "尼玛县位于西藏自治区那曲市。"),
        ("zh", "我的同事尼玛次仁是藏族人。"),
        ("zh", "刚孵出来的小鸡巴掌大，毛茸茸的。"),
        ("zh", "妈妈今天做了饺子。"),
        ("zh", "他是个傻瓜，但很可爱。"),
        ("zh", "敌人正在逼近城门。"),
        ("zh", "这个操作很简单，点一下就好。"),
        ("zh", "把两种颜料混合在一起。"),
        ("zh", "我买了一个蛋糕给孩子过生日。"),
        ("zh", "草地上有一匹马在吃草。"),
        ("zh", "鸡蛋和巴旦木都很有营养。"),
        ("zh", "你们好，我是新来的。"),
        ("zh", "日本的樱花很好看。"),
        ("zh", "我的狗很可爱，每天都要出去玩。"),
        ("zh", "王八是乌龟的俗称。"),
        ("zh", "他每天靠打零工生活。"),
        ("zh", "这个贱卖的价格太低了。"),
        ("zh", "混凝土需要三天才能干。"),
        ("zh", "操场上有很多学生在跑步。"),
    ],
    # Persian: whole words that contain a term, and phrases where a term is
    # an ordinary word (exceptions in rules.yaml).
    "persian_words": [
        ("fa", "هیچ کس جواب سؤالم را نداد."),
        ("fa", "هر کس سؤالی دارد بپرسد."),
        ("fa", "یک عکس از کسب و کار کسی که می‌شناسم گذاشتم."),
        ("fa", "امنیت حساب کاربری خیلی مهم است."),
        ("fa", "با کسر مالیات، حقوقم کم شد."),
        ("fa", "کسالت دارم و امروز سر کار نمی‌آیم."),
        ("fa", "ایمنی کودکان در خودرو مهم است."),
        ("fa", "دشمنی کردن فایده‌ای ندارد."),
        ("fa", "تو عشق منی، تولدت مبارک."),
        ("fa", "تو نفس منی، همیشه کنارم بمون."),
        ("fa", "بعد از سیل، بی کس و کار شده بود."),
        ("fa", "اکنون وقت کار است."),
        ("fa", "او را خالق کون و مکان می‌دانند."),
        ("fa", "گوهر اسم قشنگی است."),
        ("fa", "مکس یک اسم رایج در فیلم‌هاست."),
        ("fa", "کسانی که ثبت‌نام کردند ایمیل گرفتند."),
        ("fa", "کیروش مربی تیم ملی فوتبال بود."),
        ("fa", "کیرا نایتلی بازیگر مشهوری است."),
        ("fa", "هیچ‌کس نیامد."),
        ("fa", "عکس‌ها را برایت فرستادم."),
        ("fa", "هيچ كس جواب نداد."),
        ("fa", "کس دیگری هم هست که بخواهد بیاید؟"),
        ("fa", "منیژه دوست قدیمی من است."),
        ("fa", "کوه دماوند بلندترین کوه ایران است."),
        ("fa", "کونگ فو ورزش مورد علاقه برادرم است."),
    ],
    # Separators between Han words: a space, slash or dot between two words
    # of several characters is a word boundary, not an evasion.
    "han_separators": [
        ("zh", "今天是我生日 你妈妈也来了吗？"),
        ("zh", "菜单：炸鸡 巴旦木 沙拉"),
        ("zh", "晚饭吃了炸鸡 巴西烤肉也不错"),
        ("zh", "别傻 逼自己太紧了"),
        ("zh", "购物清单：牛奶/烤鸡/巴旦木/面包"),
        ("zh", "这只小鸡 巴掌那么大"),
        ("zh", "标签：#炸鸡 #巴黎 #旅行"),
        ("zh", "文件名：生日_你妈妈的照片.jpg"),
    ],
    # Repeated-letter collapse turns these real words into terms ("putto",
    # "Twatt": exceptions), and must not turn terms into ordinary words.
    "repeat_collapse": [
        # A term's own doubled letter must be doubled in the text too.
        ("es", "Mi amiga Zora vive en Sevilla con su familia."),
        ("en", "I see it as a bug, not as a feature."),
        ("en", "The ceiling shows a putto holding a garland of roses."),
        ("en", "Raphael painted the putto leaning on the frame."),
        ("en", "We stayed at a farm near Twatt on Orkney."),
        ("en", "The bus to Twatt leaves at nine from Stromness."),
    ],
    # Folding ñ to n makes an ordinary Spanish word a term ("cono", a cone,
    # is "coño" without its tilde, and people type it so): exceptions.
    "diacritic_collisions": [
        ("es", "Compré un cono de helado de vainilla."),
        ("es", "Pon un cono naranja delante del coche averiado."),
        ("es", "El volcán tiene forma de cono."),
    ],
    # A term of one language that is an ordinary word of another written in
    # the same script once letter forms are unified. No per-language rule
    # scoping exists, so nothing but the list can fix these.
    "cross_language": [
        ("ar", "ماذا تريد مني بالضبط؟"),
        ("ar", "هذا الكتاب أخذه مني صديقي."),
        ("ar", "ما معنى كون الإنسان حراً؟"),
        ("de", "Er ist ein echtes Ass im Tennis."),
    ],
}

# ------------------------------------------------------------------ clean

CLEAN = {
    "en": [
        "Does anyone know how to export my notes to PDF?",
        "The new update fixed the login problem, thanks team.",
        "I'm looking for book recommendations about the history of Rome.",
        "Our meetup is moved to Thursday at 7 pm, same place.",
        "Can someone explain the difference between a list and a tuple?",
        "Welcome to the forum! Please read the guidelines before posting.",
        "The weather in Lisbon was perfect for cycling last weekend.",
        "I baked sourdough bread for the first time and it actually rose.",
        "Which laptop would you recommend for video editing under $1000?",
        "My cat keeps sitting on the keyboard during meetings.",
        "Great tutorial, the part about caching was really clear.",
        "Is the library open on public holidays?",
        "We planted tomatoes, basil and peppers in the community garden.",
        "The final score was 2-1 after extra time, what a game.",
        "Please add dark mode to the mobile app, my eyes will thank you.",
        "I finished my first marathon in four hours and ten minutes!",
        "Has anyone tried the new ramen place on Main Street?",
        "The documentation says the API limit is 100 requests per minute.",
        "Happy birthday to my little brother, he turns twelve today.",
        "Thanks for the quick reply, that solved my problem.",
        "The museum has a new exhibition on Japanese woodblock prints.",
        "Could the moderators pin the FAQ thread?",
        "We are hiring a part-time designer, details in the link.",
        "I lost my keys at the park, a blue keychain with a whistle.",
        "The kids loved the science fair, especially the volcano.",
    ],
    "es": [
        "¿Alguien sabe cómo exportar mis notas a PDF?",
        "La nueva actualización arregló el problema de inicio de sesión.",
        "Busco recomendaciones de libros sobre la historia de Roma.",
        "La reunión se pasa al jueves a las siete, en el mismo sitio.",
        "¡Bienvenidos al foro! Leed las normas antes de publicar.",
        "El tiempo en Lisboa fue perfecto para ir en bici.",
        "Hice pan de masa madre por primera vez y subió muy bien.",
        "Mi gato se sienta en el teclado durante las reuniones.",
        "¿La biblioteca abre en días festivos?",
        "Plantamos tomates, albahaca y pimientos en el huerto del barrio.",
        "Terminé mi primer maratón en cuatro horas y diez minutos.",
        "Feliz cumpleaños a mi hermano pequeño, hoy cumple doce años.",
        "Gracias por la respuesta rápida, eso resolvió mi problema.",
        "El museo tiene una exposición nueva sobre grabados japoneses.",
        "Perdí las llaves en el parque, un llavero azul con un silbato.",
        "Los niños disfrutaron mucho de la feria de ciencias.",
        "¿Alguien ha probado el restaurante nuevo de la calle Mayor?",
        "Mañana hay partido a las nueve, ¿quién viene a verlo?",
        "El año pasado viajamos a Perú y nos encantó.",
        "¿Cuánto cuesta el envío a Canarias?",
    ],
    "de": [
        "Weiß jemand, wie ich meine Notizen als PDF exportieren kann?",
        "Das neue Update hat das Anmeldeproblem behoben, danke!",
        "Ich suche Buchempfehlungen zur Geschichte Roms.",
        "Unser Treffen ist auf Donnerstag um 19 Uhr verschoben.",
        "Willkommen im Forum! Bitte lies die Regeln vor dem Posten.",
        "Das Wetter in Lissabon war perfekt zum Radfahren.",
        "Ich habe zum ersten Mal Sauerteigbrot gebacken.",
        "Meine Katze setzt sich während der Meetings auf die Tastatur.",
        "Hat die Bibliothek an Feiertagen geöffnet?",
        "Wir haben Tomaten, Basilikum und Paprika im Gemeinschaftsgarten gepflanzt.",
        "Ich bin meinen ersten Marathon in vier Stunden und zehn Minuten gelaufen.",
        "Alles Gute zum Geburtstag an meinen kleinen Bruder!",
        "Danke für die schnelle Antwort, das hat mein Problem gelöst.",
        "Das Museum zeigt eine neue Ausstellung über japanische Holzschnitte.",
        "Ich habe meine Schlüssel im Park verloren, blauer Anhänger mit Pfeife.",
        "Die Kinder fanden die Wissenschaftsmesse großartig.",
        "Hat jemand schon das neue Ramen-Restaurant in der Hauptstraße probiert?",
        "Die Straße ist wegen Bauarbeiten bis Freitag gesperrt.",
        "Schöne Grüße aus München, hier schneit es schon.",
        "Wie lange dauert der Versand nach Österreich?",
    ],
    "ru": [
        "Кто-нибудь знает, как экспортировать заметки в PDF?",
        "Новое обновление исправило проблему со входом, спасибо.",
        "Ищу книги по истории Древнего Рима, посоветуйте.",
        "Встреча переносится на четверг, в семь вечера.",
        "Добро пожаловать на форум! Прочитайте правила перед публикацией.",
        "Погода в Лиссабоне была идеальной для велопрогулок.",
        "Я впервые испёк хлеб на закваске, и он поднялся.",
        "Мой кот садится на клавиатуру во время созвонов.",
        "Библиотека работает в праздничные дни?",
        "Мы посадили помидоры, базилик и перец в общем огороде.",
        "Я пробежал свой первый марафон за четыре часа десять минут.",
        "С днём рождения, братишка, тебе сегодня двенадцать!",
        "Спасибо за быстрый ответ, это решило мою проблему.",
        "В музее открылась выставка японской гравюры.",
        "Потерял ключи в парке, синий брелок со свистком.",
        "Дети в восторге от научной ярмарки.",
        "Кто-нибудь уже был в новой раменной на Садовой?",
        "Завтра матч в девять, кто придёт смотреть?",
        "Сколько стоит доставка в Казань?",
        "Хорошего всем вечера и до завтра.",
    ],
    "fa": [
        "کسی می‌داند چطور یادداشت‌هایم را به پی‌دی‌اف تبدیل کنم؟",
        "آپدیت جدید مشکل ورود را درست کرد، ممنون.",
        "دنبال کتاب خوب درباره تاریخ روم هستم.",
        "جلسه به پنجشنبه ساعت هفت منتقل شد.",
        "به انجمن خوش آمدید! لطفاً قبل از پست گذاشتن قوانین را بخوانید.",
        "هوای لیسبون برای دوچرخه‌سواری عالی بود.",
        "برای اولین بار نان خمیرترش پختم و خوب ور آمد.",
        "گربه‌ام وسط جلسه‌ها روی کیبورد می‌نشیند.",
        "کتابخانه روزهای تعطیل باز است؟",
        "در باغچه محله گوجه و ریحان کاشتیم.",
        "اولین ماراتنم را در چهار ساعت و ده دقیقه تمام کردم.",
        "تولد برادر کوچکم مبارک، امروز دوازده ساله شد.",
        "ممنون از جواب سریعتان، مشکلم حل شد.",
        "موزه یک نمایشگاه تازه از چاپ‌های چوبی ژاپنی دارد.",
        "کلیدهایم را در پارک گم کردم، جاکلیدی آبی با سوت.",
        "بچه‌ها از نمایشگاه علمی خیلی لذت بردند.",
        "کسی رستوران جدید خیابان ولیعصر را امتحان کرده؟",
        "فردا ساعت نه بازی است، کی می‌آید تماشا؟",
        "هزینه ارسال به شیراز چقدر است؟",
        "شب همگی بخیر، تا فردا.",
    ],
    "ar": [
        "هل يعرف أحد كيف أصدّر ملاحظاتي إلى PDF؟",
        "التحديث الجديد أصلح مشكلة تسجيل الدخول، شكراً.",
        "أبحث عن كتب عن تاريخ روما، هل من اقتراحات؟",
        "تم نقل الاجتماع إلى يوم الخميس الساعة السابعة.",
        "أهلاً بكم في المنتدى! يرجى قراءة القواعد قبل النشر.",
        "كان الطقس في لشبونة رائعاً لركوب الدراجة.",
        "خبزت خبز العجين المخمر لأول مرة ونجح.",
        "قطتي تجلس على لوحة المفاتيح أثناء الاجتماعات.",
        "هل المكتبة مفتوحة في أيام العطل؟",
        "زرعنا الطماطم والريحان في حديقة الحي.",
        "أنهيت أول ماراثون لي في أربع ساعات وعشر دقائق.",
        "عيد ميلاد سعيد لأخي الصغير، أتم اليوم اثني عشر عاماً.",
        "شكراً على الرد السريع، حُلّت مشكلتي.",
        "في المتحف معرض جديد للطباعة اليابانية على الخشب.",
        "أضعت مفاتيحي في الحديقة، ميدالية زرقاء مع صافرة.",
        "استمتع الأطفال كثيراً بمعرض العلوم.",
        "هل جرّب أحد المطعم الجديد في الشارع الرئيسي؟",
        "المباراة غداً الساعة التاسعة، من سيأتي للمشاهدة؟",
        "كم تكلفة الشحن إلى الإسكندرية؟",
        "تصبحون على خير، نلتقي غداً.",
    ],
    "zh": [
        "有人知道怎么把笔记导出成PDF吗？",
        "新版本修好了登录的问题，谢谢。",
        "求推荐关于罗马历史的书。",
        "聚会改到周四晚上七点，地点不变。",
        "欢迎来到论坛！发帖前请先阅读版规。",
        "上周末里斯本的天气特别适合骑车。",
        "第一次做酸种面包，居然发起来了。",
        "开会的时候我家猫总是坐在键盘上。",
        "图书馆节假日开门吗？",
        "我们在社区菜园里种了番茄、罗勒和辣椒。",
        "我第一次跑完马拉松，用时四小时十分钟。",
        "祝我弟弟生日快乐，今天他十二岁了。",
        "谢谢你的快速回复，问题解决了。",
        "博物馆新开了一个日本木版画展览。",
        "我在公园丢了钥匙，蓝色钥匙扣上有个哨子。",
        "孩子们很喜欢科学展，尤其是火山实验。",
        "有人去过主街新开的拉面店吗？",
        "明天九点有比赛，谁来一起看？",
        "寄到成都运费多少钱？",
        "大家晚安，明天见。",
    ],
}

# ------------------------------------------------------------------ output


def json_line(obj):
    """One JSON object; invisible and bidi characters as \\u escapes."""
    s = json.dumps(obj, ensure_ascii=False, sort_keys=True)
    out = []
    for c in s:
        cat = unicodedata.category(c)
        if cat in ("Cf", "Cc", "Zl", "Zp") or (cat == "Zs" and c != " "):
            cp = ord(c)
            if cp > 0xFFFF:
                cp -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)))
            else:
                out.append("\\u%04x" % cp)
        else:
            out.append(c)
    return "".join(out)


def region_of(prefix, evaded):
    """[start, end) in UTF-8 bytes, invisible characters at the edges trimmed."""
    a, b = 0, len(evaded)
    while a < b and unicodedata.category(evaded[a]) == "Cf":
        a += 1
    while b > a and unicodedata.category(evaded[b - 1]) == "Cf":
        b -= 1
    start = len((prefix + evaded[:a]).encode("utf-8"))
    end = len((prefix + evaded[:b]).encode("utf-8"))
    return [start, end]


def build_records():
    records = []
    counter = {}

    def add(cls, lang, text, expect, variant, term=None, region=None):
        key = cls
        counter[key] = counter.get(key, 0) + 1
        rec = {"id": "%s-%04d" % (cls.replace("/", "-"), counter[key]), "lang": lang,
               "class": cls, "variant": variant, "text": text, "expect_match": expect}
        if term is not None:
            rec["term"] = term
            rec["region"] = region
        records.append(rec)

    for name, fn in TRICKS:
        for lang in ("en", "es", "de", "ru", "fa", "ar", "zh"):
            for term in TERMS[lang]:
                done = set()
                for variant, evaded in fn(lang, term):
                    if not evaded or evaded == term or evaded in done:
                        continue
                    done.add(evaded)
                    hant = lang == "zh" and any(c in "媽賤雞馬臥瑪" for c in evaded)
                    template = pick(TEMPLATES_HANT if hant else TEMPLATES[lang])
                    prefix, suffix = template.split("{w}")
                    add("trick/" + name, lang, prefix + evaded + suffix, True, variant,
                        term, region_of(prefix, evaded))

    for name, items in TRAPS.items():
        for lang, text in items:
            add("trap/" + name, lang, text, False, "as_written")

    for lang in ("en", "es", "de", "ru", "fa", "ar", "zh"):
        for text in CLEAN[lang]:
            add("clean/" + lang, lang, text, False, "sentence")
        # The trick templates with an ordinary word in place of the term:
        # the sentences themselves must be clean.
        filler = {"en": "nonsense", "es": "tontería", "de": "Unsinn", "ru": "ерунда",
                  "fa": "چرت", "ar": "كلام فارغ", "zh": "废话"}[lang]
        for template in TEMPLATES[lang]:
            add("clean/" + lang, lang, template.replace("{w}", filler), False, "template")
    return records


RULE_NOT_FOR_LANGS = {"fa": ["ar"], "en": ["de"]}


def rules_yaml():
    lines = [
        "# The evasion corpus ruleset. Written by generate.py: edit that, not this.",
        "#",
        "# One words rule per language over its list, on the default view for",
        "# words (the skeleton, evasion: standard). action: censor, so the test",
        "# can check that the censored body masks the evaded word itself.",
        "# Exceptions are only those the traps need (see generate.py).",
        "",
        "ruleset: evasion-corpus",
        "format: 1",
        "",
        "guidelines:",
        "  respect:",
        "    title: Respect everyone",
        '    url: "https://forum.example/guidelines#respect"',
        "",
        "lists:",
    ]
    for lang in ("en", "es", "de", "ru", "fa", "ar", "zh"):
        lines.append("  profanity-%s:" % lang)
        lines.append("    file: lists/%s.txt" % lang)
        lines.append("    description: %s profanity and abuse" % LANG_NAMES[lang])
        if lang in LIST_EXCEPTIONS:
            lines.append("    except:")
            for e in LIST_EXCEPTIONS[lang]:
                lines.append("      - %s" % json.dumps(e, ensure_ascii=False))
    lines += ["", "rules:"]
    for lang in ("en", "es", "de", "ru", "fa", "ar", "zh"):
        lines += [
            "  - id: evasion.profanity-%s" % lang,
            "    guideline: respect",
            "    category: abuse",
            "    severity: low",
            "    words: {list: profanity-%s}" % lang,
            "    evasion: standard",
            "    action: censor",
        ]
        if lang in RULE_NOT_FOR_LANGS:
            # Where two languages write a word the same way on the view
            # (Persian منی / Arabic مني "from me"; English ass / German Ass
            # "ace"), no exception can tell them apart: the post's language
            # does. A post without a language still gets every rule.
            lines.append("    unless: {lang: {in: [%s]}}" % ", ".join(RULE_NOT_FOR_LANGS[lang]))
        if lang in RULE_EXCEPTIONS:
            lines.append("    except:")
            for e in RULE_EXCEPTIONS[lang]:
                lines.append("      - %s" % json.dumps(e, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def list_file(lang):
    head = [
        "# %s profanity and abuse terms for the evasion corpus (generate.py)." % LANG_NAMES[lang],
        "# Written as people write them; the skeleton view folds the variants.",
    ]
    return "\n".join(head + TERMS[lang]) + "\n"


def outputs():
    files = {
        "labelled.jsonl": "".join(json_line(r) + "\n" for r in build_records()),
        "rules.yaml": rules_yaml(),
    }
    for lang in ("en", "es", "de", "ru", "fa", "ar", "zh"):
        files["lists/%s.txt" % lang] = list_file(lang)
    return files


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for rel, content in outputs().items():
        path = os.path.join(HERE, rel)
        if check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != content:
                        stale.append(rel)
            except FileNotFoundError:
                stale.append(rel)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
    if check and stale:
        print("stale: %s (run %s)" % (", ".join(stale), sys.argv[0]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
