#include "normalize/char_tables.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

#include <memory>
#include <mutex>

#include "common/text.h"
#include "common/utf8.h"

namespace vigil {
namespace {

using icu::Normalizer2;
using icu::UnicodeString;

// Arabic letter variants unified to the Persian forms people type, so that a
// Persian list matches Arabic-keyboard text and the reverse.
char32_t UnifyArabicLetter(char32_t c) {
  switch (c) {
    case 0x064A:  // ARABIC LETTER YEH
    case 0x0649:  // ARABIC LETTER ALEF MAKSURA
    case 0x06D2:  // YEH BARREE
      return 0x06CC;  // FARSI YEH
    case 0x0643:  // ARABIC LETTER KAF
      return 0x06A9;  // KEHEH
    case 0x0629:  // TEH MARBUTA
    case 0x06C0:  // HEH WITH YEH ABOVE
    case 0x06C1:  // HEH GOAL
      return 0x0647;  // HEH
    case 0x0622:  // ALEF WITH MADDA ABOVE
    case 0x0623:  // ALEF WITH HAMZA ABOVE
    case 0x0625:  // ALEF WITH HAMZA BELOW
    case 0x0671:  // ALEF WASLA
      return 0x0627;  // ALEF
    case 0x0624:  // WAW WITH HAMZA ABOVE
      return 0x0648;  // WAW
    case 0x0626:  // YEH WITH HAMZA ABOVE
      return 0x06CC;
    default:
      return c;
  }
}

bool IsMark(UChar32 c) {
  const int8_t t = u_charType(c);
  return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK;
}

std::string ToUtf8(const UnicodeString& s) {
  std::string out;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    AppendUtf8(static_cast<char32_t>(c), &out);
    i += U16_LENGTH(c);
  }
  return out;
}

class Builder {
 public:
  Builder() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_cf_ = Normalizer2::getNFKCCasefoldInstance(status);
    status = U_ZERO_ERROR;
    nfd_ = Normalizer2::getNFDInstance(status);
    status = U_ZERO_ERROR;
    spoof_ = uspoof_open(&status);
    if (U_FAILURE(status)) spoof_ = nullptr;
    status = U_ZERO_ERROR;
    hant_hans_.reset(icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) hant_hans_.reset();
  }
  ~Builder() {
    if (spoof_) uspoof_close(spoof_);
  }

  UnicodeString Fold(UChar32 c) const {
    UnicodeString in(c), out;
    UErrorCode status = U_ZERO_ERROR;
    if (nfkc_cf_) nfkc_cf_->normalize(in, out, status);
    if (!nfkc_cf_ || U_FAILURE(status)) out = in;
    // Digits of every script (Persian ۴, Arabic-Indic ٤, Devanagari ४ …)
    // become ASCII, so detectors and lists see one digit alphabet.
    UnicodeString digits;
    for (int32_t i = 0; i < out.length();) {
      const UChar32 d = out.char32At(i);
      i += U16_LENGTH(d);
      if (d >= 0x80 && u_charType(d) == U_DECIMAL_DIGIT_NUMBER) {
        digits.append(static_cast<UChar32>('0' + u_charDigitValue(d)));
      } else {
        digits.append(d);
      }
    }
    return digits;
  }

  UnicodeString Skeleton(UChar32 c) const {
    // Negative circled and squared letters (🅕 🅵) have no decomposition and
    // no confusable entry, but are used to spell words.
    if (c >= 0x1F150 && c <= 0x1F169) return UnicodeString(static_cast<UChar32>('a' + c - 0x1F150));
    if (c >= 0x1F170 && c <= 0x1F189) return UnicodeString(static_cast<UChar32>('a' + c - 0x1F170));
    // Parenthesized letters (⒜) decompose to "(a)"; the parentheses would
    // split the word letter by letter.
    if (c >= 0x249C && c <= 0x24B5) return UnicodeString(static_cast<UChar32>('a' + c - 0x249C));
    UnicodeString folded = Fold(c), decomposed;
    UErrorCode status = U_ZERO_ERROR;
    nfd_->normalize(folded, decomposed, status);
    if (U_FAILURE(status)) decomposed = folded;
    UnicodeString out;
    for (int32_t i = 0; i < decomposed.length();) {
      UChar32 d = decomposed.char32At(i);
      i += U16_LENGTH(d);
      if (IsMark(d) || d == 0x0640 /* kashida */) continue;
      d = static_cast<UChar32>(UnifyArabicLetter(static_cast<char32_t>(d)));
      if (d >= 0x80 && u_isalpha(d)) {
        UErrorCode script_status = U_ZERO_ERROR;
        const UScriptCode script = uscript_getScript(d, &script_status);
        if (script == USCRIPT_HAN && hant_hans_) {
          UnicodeString han(d);
          hant_hans_->transliterate(han);
          out.append(han);
          continue;
        }
        if (UnicodeString latin; LatinLookalike(d, &latin)) {
          out.append(latin);
          continue;
        }
      }
      out.append(d);
    }
    return out;
  }

 private:
  // The UTS #39 prototype of a non-Latin letter when it is one ASCII letter
  // (Cyrillic а → a, Greek ο → o). Prototypes of ASCII itself ('m' → "rn",
  // '1' → 'l') are not used: leetspeak is handled with context instead.
  // Small capitals and other non-ASCII Latin letters (ᴄ ᴏ ɑ ı) count too;
  // a lower-case letter whose capital is the look-alike (Cyrillic к/К,
  // Greek κ/Κ) maps by its capital, since folding lower-cases first.
  bool LatinLookalike(UChar32 c, UnicodeString* out) const {
    if (!spoof_ || c < 0x80) return false;
    UErrorCode status = U_ZERO_ERROR;
    const int32_t script = uscript_getScript(c, &status);
    if (script == USCRIPT_ARABIC || script == USCRIPT_HAN) return false;
    for (UChar32 form : {c, u_toupper(c)}) {
      UChar buffer[8];
      UnicodeString in(form);
      status = U_ZERO_ERROR;
      const int32_t n =
          uspoof_getSkeleton(spoof_, 0, in.getBuffer(), in.length(), buffer, 8, &status);
      if (U_FAILURE(status) || n != 1) continue;
      const UChar32 proto = u_tolower(buffer[0]);
      if (proto < 'a' || proto > 'z') continue;
      *out = UnicodeString(proto);
      return true;
    }
    return false;
  }

  const Normalizer2* nfkc_cf_ = nullptr;
  const Normalizer2* nfd_ = nullptr;
  USpoofChecker* spoof_ = nullptr;
  std::unique_ptr<icu::Transliterator> hant_hans_;
};

}  // namespace

bool CharTables::CaseSensitiveSafe(char32_t c) const {
  std::string_view folded;
  return !Fold(c, &folded) && !u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_CASED);
}

const CharClass CharTables::kAsciiClasses[128] = {
#define O CharClass::kOther
#define S CharClass::kSpace
#define L CharClass::kLetter
#define D CharClass::kDigit
    O, O, O, O, O, O, O, O, O, S, S, S, S, S, O, O,  // 0x00
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,  // 0x10
    S, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,  // 0x20 space, punctuation
    D, D, D, D, D, D, D, D, D, D, O, O, O, O, O, O,  // 0x30 digits
    O, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,  // 0x40 @ A-O
    L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, O,  // 0x50 P-Z
    O, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,  // 0x60 ` a-o
    L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, O,  // 0x70 p-z
#undef O
#undef S
#undef L
#undef D
};

CharTables::CharTables() {
  Builder builder;
  classes_.resize(kTableSize);
  for (char32_t c = 0; c < kTableSize; ++c) classes_[c] = static_cast<uint8_t>(Classify(c));
  fold_.resize(kTableSize, {0, kIdentity});
  skeleton_.resize(kTableSize, {0, kIdentity});
  for (char32_t c = 0; c < kTableSize; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    // ASCII folds to lower case; everything else asks ICU.
    const UnicodeString self(static_cast<UChar32>(c));
    const UnicodeString fold = builder.Fold(static_cast<UChar32>(c));
    if (fold != self) {
      const std::string bytes = ToUtf8(fold);
      fold_[c] = {static_cast<uint32_t>(pool_.size()), static_cast<uint32_t>(bytes.size())};
      pool_ += bytes;
    }
    const UnicodeString skeleton = builder.Skeleton(static_cast<UChar32>(c));
    if (skeleton != self) {
      const std::string bytes = ToUtf8(skeleton);
      skeleton_[c] = {static_cast<uint32_t>(pool_.size()), static_cast<uint32_t>(bytes.size())};
      pool_ += bytes;
    }
  }
}

const CharTables& CharTables::Get() {
  static const CharTables* tables = new CharTables();  // never destroyed: used at exit
  return *tables;
}

CharClass CharTables::Classify(char32_t c) {
  if (c < 0x80) {
    if (c >= '0' && c <= '9') return CharClass::kDigit;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::kLetter;
    if (c == ' ' || (c >= '\t' && c <= '\r')) return CharClass::kSpace;
    return CharClass::kOther;
  }
  const UChar32 u = static_cast<UChar32>(c);
  if (u_isUWhiteSpace(u)) return CharClass::kSpace;
  if (IsMark(u)) return CharClass::kMark;
  if (IsWordCodePoint(c)) {
    if (u_charType(u) == U_DECIMAL_DIGIT_NUMBER) return CharClass::kDigit;
    return IsSpacelessScriptCodePoint(c) ? CharClass::kSpacelessLetter : CharClass::kLetter;
  }
  return CharClass::kOther;
}

}  // namespace vigil
