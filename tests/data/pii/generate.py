#!/usr/bin/env python3
"""Generates tests/data/pii/labelled.jsonl: a labelled private-information
data set for the detectors' precision/recall test (tests/validate/
pii_labelled_test.cc).

Every value is synthetic: card numbers, IBANs, ids and keys are built from
a seeded random generator and given valid check digits; phone numbers use
fictional or documentation ranges where the country has them. Nothing here
belongs to anyone.

Deterministic: the same script writes the same file byte for byte.

    python3 tests/data/pii/generate.py            # rewrites labelled.jsonl
    python3 tests/data/pii/generate.py --check    # fails if it is stale

Each line: {"id": "...", "lang": "en|zh|fa", "text": "...",
            "labels": [{"type": "<detector>", "value": "<as written>"}]}
A record with no labels is a negative: a near miss (wrong checksum, wrong
length, impossible date, invalid range) or a valid-looking value in a
negative context ("order number ..."), which no detector may report at its
default confidence. Digits may be Persian, Arabic-Indic or full-width, as
people type them; the test folds them to ASCII first, as the engine's
folded view does.
"""

import base64
import hashlib
import json
import os
import random
import sys
import zlib

SEED = 20240604
PER_KIND = 60  # positives per detector; negatives follow the same order

rng = random.Random(SEED)


# ---------------------------------------------------------------- scripts

PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
FULL_WIDTH = "０１２３４５６７８９"


def digits_in(value, table):
    return "".join(table[int(c)] if c.isdigit() else c for c in value)


def localize(value, lang):
    """Writes the digits of `value` as a person writing `lang` might."""
    roll = rng.random()
    if lang == "fa":
        if roll < 0.45:
            return digits_in(value, PERSIAN)
        if roll < 0.6:
            return digits_in(value, ARABIC_INDIC)
    elif lang == "zh":
        if roll < 0.3:
            return digits_in(value, FULL_WIDTH).replace(" ", "\u3000")
    return value


# -------------------------------------------------------------- checksums

def luhn_complete(prefix_digits, length):
    body = prefix_digits + "".join(
        str(rng.randrange(10)) for _ in range(length - len(prefix_digits) - 1))
    for check in "0123456789":
        if luhn_ok(body + check):
            return body + check
    raise AssertionError


def luhn_ok(number):
    total = 0
    for i, c in enumerate(reversed(number)):
        d = int(c)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_with_check(country, bban):
    rearranged = bban + country + "00"
    value = int("".join(str(int(c, 36)) for c in rearranged))
    return f"{country}{98 - value % 97:02d}{bban}"


def cn_id_check(first17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(first17, weights))
    return "10X98765432"[total % 11]


def ir_id_check(first9):
    r = sum(int(c) * (10 - i) for i, c in enumerate(first9)) % 11
    return str(r if r < 2 else 11 - r)


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58check(payload):
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech32_polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def segwit_address(version, program):
    const = 1 if version == 0 else 0x2bc830a3
    acc, bits, data = 0, 0, [version]
    for b in program:
        acc = acc << 8 | b
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append(acc >> bits & 31)
    if bits:
        data.append(acc << (5 - bits) & 31)
    hrp = "bc"
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data
    poly = bech32_polymod(values + [0] * 6) ^ const
    checksum = [(poly >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in data + checksum)


def keccak256(data):
    """Keccak-256 with the original padding (Ethereum), stdlib only."""
    rc = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
          0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
          0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
          0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
          0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
          0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
    rot = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61],
           [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
    mask = (1 << 64) - 1

    def rol(x, n):
        return ((x << n) | (x >> (64 - n))) & mask if n else x

    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate:
        msg += b"\0"
    msg[-1] |= 0x80
    state = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        for i in range(rate // 8):
            state[i % 5][i // 5] ^= int.from_bytes(msg[off + 8 * i:off + 8 * i + 8], "little")
        for rnd in range(24):
            c = [state[x][0] ^ state[x][1] ^ state[x][2] ^ state[x][3] ^ state[x][4]
                 for x in range(5)]
            d = [c[(x - 1) % 5] ^ rol(c[(x + 1) % 5], 1) for x in range(5)]
            state = [[state[x][y] ^ d[x] for y in range(5)] for x in range(5)]
            b = [[0] * 5 for _ in range(5)]
            for x in range(5):
                for y in range(5):
                    b[y][(2 * x + 3 * y) % 5] = rol(state[x][y], rot[x][y])
            state = [[b[x][y] ^ (~b[(x + 1) % 5][y] & b[(x + 2) % 5][y]) for y in range(5)]
                     for x in range(5)]
            state[0][0] ^= rc[rnd]
    out = b""
    for i in range(4):
        out += state[i % 5][i // 5].to_bytes(8, "little")
    return out


def eip55(hex40):
    digest = keccak256(hex40.encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(digest[i], 16) >= 8 else c
                          for i, c in enumerate(hex40))


B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(n, width):
    out = ""
    for _ in range(width):
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# ------------------------------------------------------------------ values

def rand_digits(n, first="0123456789"):
    return rng.choice(first) + "".join(str(rng.randrange(10)) for _ in range(n - 1))


def group(number, sizes, sep):
    out, i = [], 0
    for s in sizes:
        out.append(number[i:i + s])
        i += s
    if i < len(number):
        out.append(number[i:])
    return sep.join(out)


SHETAB_BINS = ["603799", "589210", "627648", "610433", "627353", "622106", "502229",
               "621986", "639346", "603769"]


def card():
    kind = rng.choice(["visa", "visa", "mastercard", "mastercard2", "amex", "discover", "jcb",
                       "unionpay", "unionpay19", "diners", "mir", "shetab", "shetab"])
    if kind == "visa":
        number, sizes = luhn_complete("4", 16), [4, 4, 4, 4]
    elif kind == "mastercard":
        number, sizes = luhn_complete(str(rng.randint(51, 55)), 16), [4, 4, 4, 4]
    elif kind == "mastercard2":
        number, sizes = luhn_complete(str(rng.randint(2221, 2720)), 16), [4, 4, 4, 4]
    elif kind == "amex":
        number, sizes = luhn_complete(rng.choice(["34", "37"]), 15), [4, 6, 5]
    elif kind == "discover":
        number, sizes = luhn_complete("6011", 16), [4, 4, 4, 4]
    elif kind == "jcb":
        number, sizes = luhn_complete(str(rng.randint(3528, 3589)), 16), [4, 4, 4, 4]
    elif kind == "unionpay":
        number, sizes = luhn_complete("625" + str(rng.randrange(10)), 16), [4, 4, 4, 4]
    elif kind == "unionpay19":
        number, sizes = luhn_complete("625" + str(rng.randrange(10)), 19), [4, 4, 4, 4, 3]
    elif kind == "diners":
        number, sizes = luhn_complete("36", 14), [4, 6, 4]
    elif kind == "mir":
        number, sizes = luhn_complete("220" + str(rng.randint(0, 4)), 16), [4, 4, 4, 4]
    else:
        number, sizes = luhn_complete(rng.choice(SHETAB_BINS), 16), [4, 4, 4, 4]
    style = rng.choice(["bare", "space", "space", "dash", "udash"])
    if style == "bare":
        return number, kind
    sep = {"space": " ", "dash": "-", "udash": "\u2010"}[style]
    return group(number, sizes, sep), kind


IBAN_BBANS = {
    "DE": lambda: rand_digits(18),
    "FR": lambda: rand_digits(23),
    "GB": lambda: rng.choice(["WEST", "BARC", "NWBK", "HBUK"]) + rand_digits(14),
    "NL": lambda: rng.choice(["ABNA", "INGB", "RABO"]) + rand_digits(10),
    "ES": lambda: rand_digits(20),
    "IT": lambda: rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + rand_digits(22),
    "IR": lambda: "0" + rand_digits(21),
    "TR": lambda: rand_digits(22),
    "SA": lambda: rand_digits(20),
    "AE": lambda: rand_digits(19),
    "BE": lambda: rand_digits(12),
    "NO": lambda: rand_digits(11),
    "PL": lambda: rand_digits(24),
    "CH": lambda: rand_digits(17),
}


def iban(country=None):
    country = country or rng.choice(sorted(IBAN_BBANS))
    value = iban_with_check(country, IBAN_BBANS[country]())
    if rng.random() < 0.6:
        value = " ".join(value[i:i + 4] for i in range(0, len(value), 4))
    return value, country


FIRST = ["jane", "li.wei", "sara", "omid", "maria", "chen", "alex", "reza", "nina", "tom"]
DOMAINS = ["example.com", "mail.example.cn", "post.example.ir", "corp.example.org",
           "example.co.uk", "uni.example.edu", "example.de", "example.io", "example.net"]


def email():
    local = rng.choice(FIRST) + rng.choice(["", ".", "_", "+forum"]) + str(rng.randrange(100))
    return f"{local.rstrip('.')}@{rng.choice(DOMAINS)}"


def phone(country=None):
    country = country or rng.choice(["US", "CA", "GB", "DE", "FR", "IN", "CN", "IR"])
    if country in ("US", "CA"):
        area = rng.choice(["212", "310", "415", "617", "202", "312", "206"] if country == "US"
                          else ["416", "604", "514", "613"])
        exch, line = rand_digits(3, "23456789"), rand_digits(4)
        value = rng.choice([f"+1 {area} {exch} {line}", f"({area}) {exch}-{line}",
                            f"{area}-{exch}-{line}", f"+1-{area}-{exch}-{line}"])
    elif country == "GB":
        value = rng.choice([f"+44 20 7946 0{rand_digits(3)}", f"020 7946 0{rand_digits(3)}",
                            f"0740{rng.randrange(10)} {rand_digits(6)}", f"+44 740{rng.randrange(10)} {rand_digits(6)}"])
    elif country == "DE":
        value = rng.choice([f"+49 30 {rand_digits(8, '23456789')}",
                            f"030 {rand_digits(8, '23456789')}",
                            f"0151 {rand_digits(8)}", f"+49 151 {rand_digits(8)}"])
    elif country == "FR":
        rest = " ".join(rand_digits(2) for _ in range(4))
        value = rng.choice([f"06 {rest}", f"+33 6 {rest}", f"01 {rest}", f"07 {rest}"])
    elif country == "IN":
        mobile = rand_digits(5, "6789") + " " + rand_digits(5)
        value = rng.choice([f"+91 {mobile}", f"0{mobile}", f"+91-{mobile.replace(' ', '')}"])
    elif country == "CN":
        prefix = "1" + rng.choice("3589") + str(rng.randrange(10))
        mid, end = rand_digits(4), rand_digits(4)
        value = rng.choice([f"{prefix} {mid} {end}", f"+86 {prefix} {mid} {end}",
                            f"{prefix}{mid}{end}", f"{prefix}-{mid}-{end}",
                            f"010-{rand_digits(8, '2345678')}"])
    else:  # IR
        prefix = "09" + rng.choice(["12", "13", "19", "35", "36", "01", "90"])
        a, b = rand_digits(3), rand_digits(4)
        value = rng.choice([f"{prefix} {a} {b}", f"+98 {prefix[1:]} {a} {b}",
                            f"{prefix}{a}{b}", f"021 {rand_digits(4, '2345678')} {b}"])
    return value, country


def ssn():
    area = rng.randint(1, 899)
    while area == 666:
        area = rng.randint(1, 899)
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


CN_PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
                "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
                "53", "54", "61", "62", "63", "64", "65"]


def cn_id(province=None, date=None):
    region = (province or rng.choice(CN_PROVINCES)) + f"{rng.randint(1, 20):02d}" + \
        f"{rng.randint(1, 30):02d}"
    if date is None:
        date = f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = region + date + rand_digits(3)
    return first17 + cn_id_check(first17)


def ir_id():
    while True:
        first9 = rand_digits(9)
        value = first9 + ir_id_check(first9)
        if len(set(value)) > 1:
            return value


def ipv4():
    while True:
        octets = [rng.randint(1, 223), rng.randint(0, 255), rng.randint(0, 255),
                  rng.randint(1, 254)]
        if octets[0] not in (10, 127, 100, 169, 172, 192):
            return ".".join(map(str, octets))


def ipv6():
    groups = ["2001", "db8"] + [f"{rng.randrange(65536):x}" for _ in range(6)]
    if rng.random() < 0.5:
        return ":".join(groups)
    return ":".join(groups[:3]) + "::" + ":".join(groups[6:])


def wallet():
    kind = rng.choice(["p2pkh", "p2sh", "segwit", "taproot", "eth", "eth"])
    if kind == "p2pkh":
        return base58check(b"\x00" + rng.randbytes(20))
    if kind == "p2sh":
        return base58check(b"\x05" + rng.randbytes(20))
    if kind == "segwit":
        return segwit_address(0, rng.randbytes(20))
    if kind == "taproot":
        return segwit_address(1, rng.randbytes(32))
    return eip55(rng.randbytes(20).hex())


def rand_chars(n, alphabet):
    return "".join(rng.choice(alphabet) for _ in range(n))


def github_token(prefix="ghp_"):
    random30 = rand_chars(30, B62)
    return prefix + random30 + base62(zlib.crc32(random30.encode()), 6)


def jwt(alg=True):
    header = {"alg": "HS256", "typ": "JWT"} if alg else {"typ": "JWT"}
    payload = {"sub": str(rng.randrange(10 ** 9)), "name": rng.choice(FIRST),
               "iat": 1700000000 + rng.randrange(10 ** 6)}
    sig = rng.randbytes(32)
    return ".".join([b64url(json.dumps(header, separators=(",", ":")).encode()),
                     b64url(json.dumps(payload, separators=(",", ":")).encode()), b64url(sig)])


def secret():
    kind = rng.choice(["aws", "ghp", "gho", "pat", "slack", "hook", "pem", "jwt"])
    if kind == "aws":
        return rng.choice(["AKIA", "ASIA"]) + rand_chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    if kind == "ghp":
        return github_token("ghp_")
    if kind == "gho":
        return github_token(rng.choice(["gho_", "ghu_", "ghs_", "ghr_"]))
    if kind == "pat":
        return "github_pat_" + rand_chars(22, B62) + "_" + rand_chars(59, B62)
    if kind == "slack":
        return (f"xoxb-{rand_digits(12)}-{rand_digits(13)}-" + rand_chars(24, B62))
    if kind == "hook":
        return ("https://hooks.slack.com/services/T" + rand_chars(8, B62.upper()[:36]) + "/B"
                + rand_chars(10, B62.upper()[:36]) + "/" + rand_chars(24, B62))
    if kind == "pem":
        body = base64.b64encode(rng.randbytes(180)).decode()
        lines = "\n".join(body[i:i + 64] for i in range(0, len(body), 64))
        kind = rng.choice(["RSA ", "EC ", "OPENSSH ", ""])
        return f"-----BEGIN {kind}PRIVATE KEY-----\n{lines}\n-----END {kind}PRIVATE KEY-----"
    return jwt()


# --------------------------------------------------------------- templates

POSITIVE = {
    "credit_card": {
        "en": ["My card number is {v}, can you check the charge?",
               "Charged twice on card {v} yesterday", "Visa {v} exp 09/27",
               "here is my credit card {v} pls refund", "{v} is the card I paid with"],
        "zh": ["我的卡号是{v}，请帮我查一下", "银行卡：{v}", "信用卡{v}被扣了两次款"],
        "fa": ["شماره کارت من {v} است", "کارت بانکی {v} را شارژ کنید", "به کارت {v} واریز کنید"],
    },
    "iban": {
        "en": ["Please wire it to IBAN {v} by Friday", "My bank account: {v}",
               "IBAN: {v}", "Transfer the deposit to {v} thanks"],
        "zh": ["汇款账户 {v}", "请转账到 {v}"],
        "fa": ["شماره شبا {v} برای واریز", "شبا: {v}"],
    },
    "email": {
        "en": ["You can reach me at {v} any time", "Contact: {v}", "mail me ({v}) for the file"],
        "zh": ["我的邮箱是 {v} ，有问题发邮件", "联系邮箱：{v}"],
        "fa": ["ایمیل من {v} است", "به {v} ایمیل بزنید"],
    },
    "phone": {
        "en": ["Call me on {v} after six", "My phone: {v}", "text me at {v}",
               "mobile {v}, ask for Sam", "You can reach me at {v}"],
        "zh": ["我的电话是{v}，晚上打", "手机：{v}", "联系电话 {v}"],
        "fa": ["شماره‌ام {v} است، عصر زنگ بزنید", "تلفن: {v}", "با موبایل {v} تماس بگیرید"],
    },
    "us_ssn": {
        "en": ["My SSN is {v}, is that needed?", "social security number {v}",
               "SSN: {v}", "They asked for my social security ({v}) on the form"],
    },
    "cn_resident_id": {
        "zh": ["我的身份证号是{v}", "身份证：{v}，姓名王某", "证件号{v}"],
        "en": ["His Chinese ID number is {v}", "resident id {v}"],
    },
    "ir_national_id": {
        "fa": ["کد ملی من {v} است", "کدملی: {v}", "شماره ملی {v} را وارد کنید", "کد ملی {v}"],
        "en": ["My Iranian national ID is {v}", "national code {v} for the form"],
    },
    "ip_address": {
        "en": ["My home IP is {v}, ban it if you want", "server at {v} is down",
               "ssh into {v} and check", "he lives at {v} lol"],
        "zh": ["服务器地址 {v}", "我的IP是{v}"],
        "fa": ["آدرس سرور {v} است"],
    },
    "crypto_wallet": {
        "en": ["Send BTC to {v} please", "my wallet: {v}", "donate: {v}",
               "ETH address {v}"],
        "zh": ["我的钱包地址 {v}", "比特币地址：{v}"],
        "fa": ["آدرس کیف پول من {v}"],
    },
    "secret": {
        "en": ["here is my token {v} why doesn't it work", "config:\nkey = {v}\n",
               "Using {v} in the header", "my api key is {v}"],
        "zh": ["我的密钥 {v} 不能用"],
        "fa": ["توکن من {v} کار نمی‌کند"],
    },
}

NEUTRAL_NEGATIVE = {
    "en": ["Order number: {v} has not arrived", "tracking {v} stuck since Monday",
           "Invoice {v} attached", "reference number {v}", "serial number {v} on the box"],
    "zh": ["订单号{v}还没发货", "快递单号：{v}", "发票号码 {v}"],
    "fa": ["شماره سفارش {v} هنوز نرسیده", "کد رهگیری {v} را ببینید", "شماره پیگیری {v}"],
}

NEUTRAL_TEXT = {
    "en": ["We had 300 people at the meetup and 45 talks",
           "Version 2.14.3 fixed the crash on startup", "The meeting is on 2024-01-15 at 10:30",
           "Build 20240115.3 is out", "Price: 1,299.00 USD incl. VAT", "Room 404, floor 12",
           "Follow @vigil_dev for release news", "See commit 9fceb02d0ae598e95dc970b74767f19372d61af8"],
    "zh": ["会议在2024年1月15日举行", "版本 3.2.1 修复了问题", "共有 128 人参加"],
    "fa": ["جلسه ساعت ۱۰:۳۰ برگزار می‌شود", "نسخه ۲.۱۴.۳ منتشر شد", "۳۰۰ نفر آمدند"],
}


# -------------------------------------------------------------- near misses

def corrupt_last_digit(value):
    for i in range(len(value) - 1, -1, -1):
        if value[i].isdigit():
            d = str((int(value[i]) + rng.randint(1, 9)) % 10)
            return value[:i] + d + value[i + 1:]
    return value


def near_misses():
    """(type the miss is near, text) pairs: none may be reported."""
    out = []
    for _ in range(PER_KIND // 2):
        v, _ = card()
        out.append(("credit_card", f"My card number is {corrupt_last_digit(v)}"))
    for _ in range(8):
        out.append(("credit_card", "card " + luhn_complete("9", 16)))  # no issuer
        out.append(("credit_card", "card " + luhn_complete("4", 15)))  # Visa has no 15
    for _ in range(8):
        # Amex printed 4-4-4-3 is not how Amex groups.
        number = luhn_complete("37", 15)
        out.append(("credit_card", "card " + group(number, [4, 4, 4], " ")))
    for _ in range(PER_KIND // 2):
        v, _ = iban()
        out.append(("iban", f"IBAN {corrupt_last_digit(v)}"))
    for _ in range(8):
        v, _ = iban("DE")
        compact = v.replace(" ", "")
        out.append(("iban", f"IBAN {compact[:-1]}"))  # wrong length
    for text in ["logo@2x.png", "git@github.com:vigil/vigil.git", "icon@3x.jpg",
                 "me@localhost", "user@host.local", "sprite@2x.webp", "Meet me @ the station",
                 "@alice said hi", "foo@bar", "a..b@example.com"]:
        out.append(("email", f"see {text} for details"))
    for text in ["+1 123 456 7890", "+98 912 345 678", "12345", "+44 20 1234", "1111111111",
                 "2024-01-15 10", "2.14.3", "+98 912 345", "0000 000 0000", "555-0132"]:
        out.append(("phone", f"the number {text}"))
    for bad in ["000-12-3456", "666-12-3456", "900-12-3456", "123-00-4567", "123-45-0000",
                "987-65-4321", "078-05-1120"]:
        out.append(("us_ssn", f"SSN {bad}"))
    for _ in range(10):
        area = rng.randint(1, 899)
        out.append(("us_ssn", f"order {area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"))
    for _ in range(10):
        v = cn_id()
        wrong = v[:-1] + ("0" if v[-1] != "0" else "1")
        out.append(("cn_resident_id", f"身份证号{wrong}"))
    for date in ["19990230", "20010931", "19981301", "21000101", "18991231"]:
        first17 = "110105" + date + "123"
        out.append(("cn_resident_id", f"身份证号{first17 + cn_id_check(first17)}"))
    for _ in range(4):
        first17 = "99" + rand_digits(4) + "19800101" + rand_digits(3)  # no such region
        out.append(("cn_resident_id", f"身份证号{first17 + cn_id_check(first17)}"))
    for _ in range(10):
        v = ir_id()
        out.append(("ir_national_id", f"کد ملی {v[:-1]}{(int(v[-1]) + 1) % 10}"))
    for same in ["1111111111", "0000000000", "5555555555"]:
        out.append(("ir_national_id", f"کد ملی {same}"))
    for text in ["256.1.1.1", "1.2.3", "v1.2.3.4", "version 1.2.3.4", "1.2.3.4.5",
                 "10:30:00", "00:1a:2b:3c:4d:5e", "std::vector", "192.168.001.001",
                 "release 4.1.0.12"]:
        out.append(("ip_address", f"check {text} today"))
    for _ in range(6):
        w = base58check(b"\x00" + rng.randbytes(20))
        i = rng.randrange(5, len(w) - 1)
        swap = B58[(B58.index(w[i]) + 1) % 58]
        out.append(("crypto_wallet", f"send to {w[:i]}{swap}{w[i + 1:]}"))
        s = segwit_address(0, rng.randbytes(20))
        out.append(("crypto_wallet", f"send to {s[:-1]}{'q' if s[-1] != 'q' else 'p'}"))
        e = eip55(rng.randbytes(20).hex())
        flipped = e[:2] + "".join(c.swapcase() if c.isalpha() else c for c in e[2:])
        if flipped != e and any(c.isupper() for c in flipped) and any(c.islower() for c in flipped[2:]):
            out.append(("crypto_wallet", f"send to {flipped}"))
    out.append(("crypto_wallet", "commit 0x" + "ab12" * 9 + "ab1"))
    for _ in range(6):
        t = github_token()
        out.append(("secret", f"token {t[:-1]}{'A' if t[-1] != 'A' else 'B'}"))
        out.append(("secret", f"key AKIA{rand_chars(12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}"))
        out.append(("secret", f"jwt {jwt(alg=False)}"))
    out.append(("secret", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----"))
    out.append(("secret", "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----"))
    out.append(("secret", "the example key AKIAIOSFODNN7EXAMPLE from the docs"))
    return out


# -------------------------------------------------------------------- noise

def noise():
    """Everyday text with numbers and tokens that are not private: none of
    it was tuned against the detectors."""
    hexd = "0123456789abcdef"
    makers = [
        lambda: "Request id " + "-".join(rand_chars(n, hexd) for n in (8, 4, 4, 4, 12)),
        lambda: "fixed in " + rand_chars(40, hexd),
        lambda: "sha256: " + rand_chars(64, hexd),
        lambda: "git show " + rand_chars(7, hexd),
        lambda: f"posted at {rng.randint(1500000000, 1800000000)}",
        lambda: f"ts={rng.randint(1500000000000, 1800000000000)}",
        lambda: f"on {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1990, 2030)}",
        lambda: f"{rng.randint(1990, 2030)}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d} update",
        lambda: f"at {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
        lambda: f"upgrade to v{rng.randint(0, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 40)}",
        lambda: f"price ${rng.randint(1, 9)},{rng.randint(100, 999)}.{rng.randint(10, 99)}",
        lambda: f"{rng.uniform(-90, 90):.4f}, {rng.uniform(-180, 180):.4f} is the spot",
        lambda: "ISBN 978-" + "-".join([rand_digits(1), rand_digits(2), rand_digits(6), rand_digits(1)]),
        lambda: f"colour #{rand_chars(6, hexd)}",
        lambda: "blob " + rand_chars(40, B62 + "+/"),
        lambda: f"{rng.randint(2, 900)} replies, {rng.randint(1000, 99999)} views",
        lambda: f"score {rng.randint(1, 99)}-{rng.randint(1, 99)}",
        lambda: f"Page {rng.randint(1, 400)} of {rng.randint(400, 900)}",
        lambda: f"my steam id is {rand_digits(17, '7')}",
        lambda: f"the file is {rng.randint(1, 999)},{rng.randint(100, 999)},{rng.randint(100, 999)} bytes",
        lambda: f"ping {rng.randint(5, 300)} ms, {rng.randint(1, 100)}% loss",
        lambda: f"docker pull app@sha256:{rand_chars(64, hexd)}",
        lambda: f"see issue #{rng.randint(1, 99999)}",
        lambda: f"{rng.randint(1, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 9)} kernel",
        lambda: f"جلسه در تاریخ {digits_in(f'{rng.randint(1390, 1410)}/{rng.randint(1, 12):02d}/{rng.randint(1, 29):02d}', PERSIAN)}",
        lambda: f"قیمت {digits_in(str(rng.randint(10, 999)) + ',' + str(rng.randint(100, 999)) + ',000', PERSIAN)} تومان",
        lambda: f"共{rng.randint(2, 999)}条回复，浏览{rng.randint(1000, 999999)}次",
        lambda: f"{rng.randint(1990, 2030)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日发布",
        lambda: f"code {rand_digits(rng.choice([8, 10, 12, 14, 16, 18]))}",
    ]
    out = []
    for i in range(6 * len(makers)):
        text = makers[i % len(makers)]()
        lang = "fa" if any("\u0600" <= c <= "\u06ff" for c in text) else (
            "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en")
        out.append({"id": f"noise-{i:03d}", "lang": lang, "text": text, "labels": []})
    return out


# -------------------------------------------------------------------- main

def value_for(kind, lang):
    if kind == "credit_card":
        return localize(card()[0], lang)
    if kind == "iban":
        return iban("IR" if lang == "fa" and rng.random() < 0.7 else None)[0]
    if kind == "email":
        return email()
    if kind == "phone":
        country = {"zh": "CN", "fa": "IR"}.get(lang)
        if country and rng.random() < 0.3:
            country = None
        return localize(phone(country)[0], lang)
    if kind == "us_ssn":
        return ssn()
    if kind == "cn_resident_id":
        return localize(cn_id(), lang)
    if kind == "ir_national_id":
        v = ir_id()
        if rng.random() < 0.3:
            v = f"{v[:3]}-{v[3:9]}-{v[9]}"
        return localize(v, lang)
    if kind == "ip_address":
        return ipv4() if rng.random() < 0.6 else ipv6()
    if kind == "crypto_wallet":
        return wallet()
    return secret()


def records():
    out = []
    n = 0
    for kind, by_lang in POSITIVE.items():
        langs = sorted(by_lang)
        for i in range(PER_KIND):
            lang = langs[i % len(langs)]
            value = value_for(kind, lang)
            text = rng.choice(by_lang[lang]).format(v=value)
            out.append({"id": f"{kind}-{i:03d}", "lang": lang, "text": text,
                        "labels": [{"type": kind, "value": value}]})
            n += 1
    # Two values in one post, separated the way each language lists things.
    for i in range(20):
        lang = ["en", "zh", "fa"][i % 3]
        a, b = value_for("phone", lang), value_for("phone", lang)
        sep = {"en": ", ", "zh": "、", "fa": "، "}[lang]
        lead = {"en": "Call {v}", "zh": "电话{v}", "fa": "تلفن {v}"}[lang]
        out.append({"id": f"phone-pair-{i:03d}", "lang": lang,
                    "text": lead.format(v=a + sep + b),
                    "labels": [{"type": "phone", "value": a}, {"type": "phone", "value": b}]})
    # Doxxing: an id and a phone number together.
    for i in range(10):
        lang = ["en", "fa", "zh"][i % 3]
        if lang == "fa":
            idv, ph = localize(ir_id(), lang), localize(phone("IR")[0], lang)
            text, idk = f"کد ملی {idv} و تلفن {ph} متعلق به علی است", "ir_national_id"
        elif lang == "zh":
            idv, ph = cn_id(), phone("CN")[0]
            text, idk = f"他的身份证号{idv}，手机{ph}", "cn_resident_id"
        else:
            idv, ph = ssn(), phone("US")[0]
            text, idk = f"Her SSN is {idv} and her phone is {ph}", "us_ssn"
        out.append({"id": f"doxx-{i:03d}", "lang": lang, "text": text,
                    "labels": [{"type": idk, "value": idv}, {"type": "phone", "value": ph}]})
    # Negative contexts: a valid-looking number that the post says is an
    # order, tracking or invoice number.
    for i in range(PER_KIND):
        lang = ["en", "zh", "fa"][i % 3]
        kind = rng.choice(["credit_card", "phone", "ir_national_id", "us_ssn"])
        if kind == "credit_card":
            value = card()[0]
        elif kind == "phone":
            value = phone({"zh": "CN", "fa": "IR"}.get(lang, "US"))[0].replace("+", "")
            value = value.replace(" ", "").replace("-", "").replace("(", "").replace(")", "")
        elif kind == "ir_national_id":
            value = ir_id()
        else:
            value = ssn().replace("-", "")
        text = rng.choice(NEUTRAL_NEGATIVE[lang]).format(v=localize(value, lang))
        out.append({"id": f"negctx-{i:03d}", "lang": lang, "text": text, "labels": []})
    for i, (kind, text) in enumerate(near_misses()):
        out.append({"id": f"miss-{kind}-{i:03d}", "lang": "en", "text": text, "labels": []})
    out.extend(noise())
    for lang, texts in NEUTRAL_TEXT.items():
        for i, text in enumerate(texts):
            out.append({"id": f"neutral-{lang}-{i:03d}", "lang": lang, "text": text,
                        "labels": []})
    return out


def main():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "labelled.jsonl")
    body = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records())
    if "--check" in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            if f.read() != body:
                sys.exit(f"{path} is stale: run {sys.argv[0]}")
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)


if __name__ == "__main__":
    main()
