// The skeleton view: what evasion-resistant word lists match against.
//
// Steps, each undoing one trick while keeping its trap closed:
//  1. per code point (CharTables::Skeleton): case and width, accents and
//     combining marks, invisible characters, look-alike letters, Arabic
//     letter variants and kashida, Traditional Han. ASCII is lower-cased.
//  2. leetspeak, only inside a token that has letters and no more digits
//     than letters: "sh1t", "$hit", "a$$" are words; "A55", "2024", "$50"
//     and phone numbers stay as they are. A '!' counts only before a letter
//     ("sh!t"), never at the end ("shit!").
//  3. separators between single letters: "f.u.c.k", "f u c k", "f-u_c*k"
//     join, but only runs of one-letter tokens ("this hit", "pen is" stay
//     apart). Between Han characters, spaces and symbols are dropped too
//     ("操 你 妈", "傻·逼"), but not sentence punctuation.
//  4. whitespace runs become one space (phrases survive line breaks).
//  5. runs of one repeated letter collapse to one ("fuuuck" → "fuck"), with
//     the run length kept: a term whose own letters repeat ("ass") still
//     needs the repeat in the text, so "as" never matches it. Han, Kana and
//     digits are never collapsed (你妈妈 is not 你妈).
// The level `strict` also drops punctuation between letters ("fu.ck").
#include <algorithm>

#include "common/utf8.h"
#include "normalize/char_tables.h"
#include "normalize/text_view.h"

namespace vigil {
namespace {

struct Unit {
  char32_t cp;
  uint32_t start;
  uint32_t end;
  CharClass cls;
  uint8_t run;
  bool removed;
};

bool IsLetter(const Unit& u) {
  return u.cls == CharClass::kLetter || u.cls == CharClass::kSpacelessLetter;
}
bool IsAlnum(const Unit& u) { return IsLetter(u) || u.cls == CharClass::kDigit; }

char32_t LeetLetter(char32_t c) {
  switch (c) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '6': return 'g';
    case '7': return 't';
    case '8': return 'b';
    case '9': return 'g';
    case '@': return 'a';
    case '$': return 's';
    case '!': return 'i';
    case '|': return 'l';
    case '+': return 't';
    default: return 0;
  }
}

bool IsLeetSymbol(char32_t c) {
  return c == '@' || c == '$' || c == '!' || c == '|' || c == '+';
}

// Punctuation that ends a clause: Han characters on both sides of it are
// different words, so it is never dropped.
bool IsSentencePunctuation(char32_t c) {
  switch (c) {
    case ',': case '!': case '?': case ';': case ':': case '(': case ')':
    case 0x3001: case 0x3002: case 0x300C: case 0x300D: case 0x300E: case 0x300F:
    case '\n': case '\r':
      return true;
    default:
      return false;
  }
}

// Per-thread scratch: a Classifier builds views on one thread at a time.
thread_local std::vector<Unit> t_units;

void MapCodePoints(std::string_view text, std::vector<Unit>* units) {
  const CharTables& tables = CharTables::Get();
  units->clear();
  units->reserve(text.size() + 8);
  size_t pos = 0;
  uint32_t pending_start = 0;
  bool pending = false;  // removed code points before the first unit
  std::string_view mapped;
  while (pos < text.size()) {
    const unsigned char b = static_cast<unsigned char>(text[pos]);
    const uint32_t start = static_cast<uint32_t>(pos);
    if (b < 0x80) {
      char32_t c = b;
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      units->push_back({c, pending ? pending_start : start, start + 1,
                        tables.ClassOf(c), 1, false});
      pending = false;
      ++pos;
      continue;
    }
    size_t next;
    const char32_t c = DecodeUtf8At(text, pos, &next);
    if (!tables.Skeleton(c, &mapped)) {
      units->push_back({c, pending ? pending_start : start, static_cast<uint32_t>(next),
                        tables.ClassOf(c), 1, false});
      pending = false;
    } else if (mapped.empty()) {
      // Removed (a mark, an invisible character): it belongs to the
      // character before it, so masking that character masks it too.
      if (!units->empty()) {
        units->back().end = static_cast<uint32_t>(next);
      } else if (!pending) {
        pending = true;
        pending_start = start;
      }
    } else {
      for (size_t m = 0; m < mapped.size();) {
        size_t mnext;
        const char32_t out = DecodeUtf8At(mapped, m, &mnext);
        units->push_back({out, pending ? pending_start : start, static_cast<uint32_t>(next),
                          tables.ClassOf(out), 1, false});
        pending = false;
        m = mnext;
      }
    }
    pos = next;
  }
}

void ResolveLeetspeak(std::vector<Unit>* units) {
  std::vector<Unit>& u = *units;
  const size_t n = u.size();
  size_t i = 0;
  while (i < n) {
    auto starts_token = [&](size_t k) {
      if (IsAlnum(u[k])) return true;
      return IsLeetSymbol(u[k].cp) && k + 1 < n && IsAlnum(u[k + 1]);
    };
    if (!starts_token(i)) {
      ++i;
      continue;
    }
    size_t j = i;
    int letters = 0, digits = 0;
    while (j < n) {
      if (IsLetter(u[j])) {
        ++letters;
      } else if (u[j].cls == CharClass::kDigit) {
        ++digits;
      } else if (IsLeetSymbol(u[j].cp)) {
        // '!' ends sentences, so it is a letter only before one ("sh!t",
        // not "shit!"); the other symbols may end a word ("a$$").
        if (u[j].cp == '!' && !(j + 1 < n && IsAlnum(u[j + 1]))) break;
      } else {
        break;
      }
      ++j;
    }
    if (letters > 0 && letters >= digits) {
      for (size_t k = i; k < j; ++k) {
        if (u[k].cls == CharClass::kDigit || IsLeetSymbol(u[k].cp)) {
          if (const char32_t letter = LeetLetter(u[k].cp)) {
            u[k].cp = letter;
            u[k].cls = CharClass::kLetter;
          }
        }
      }
    }
    i = std::max(j, i + 1);
  }
}

void JoinSeparatedLetters(bool strict_level, std::vector<Unit>* units) {
  std::vector<Unit>& u = *units;
  const size_t n = u.size();
  // Tokens: maximal runs of letters and digits. For each separator run,
  // decide whether the tokens on both sides belong together.
  size_t i = 0;
  size_t prev_token_start = SIZE_MAX, prev_token_end = 0;
  while (i < n) {
    if (IsAlnum(u[i])) {
      size_t j = i;
      while (j < n && IsAlnum(u[j])) ++j;
      prev_token_start = i;
      prev_token_end = j;
      i = j;
      continue;
    }
    size_t j = i;
    bool newline = false, sentence = false, space = false;
    while (j < n && !IsAlnum(u[j])) {
      newline = newline || u[j].cp == '\n';
      sentence = sentence || IsSentencePunctuation(u[j].cp);
      space = space || u[j].cls == CharClass::kSpace;
      ++j;
    }
    const bool bounded = prev_token_start != SIZE_MAX && j < n && j - i <= 3 && !newline;
    if (bounded) {
      size_t next_end = j;
      while (next_end < n && IsAlnum(u[next_end])) ++next_end;
      const bool single_before = prev_token_end - prev_token_start == 1 && IsLetter(u[i - 1]);
      const bool single_after = next_end - j == 1 && IsLetter(u[j]);
      const bool han = u[i - 1].cls == CharClass::kSpacelessLetter &&
                       u[j].cls == CharClass::kSpacelessLetter && !sentence;
      const bool strict = strict_level && !space &&
                          IsLetter(u[i - 1]) && IsLetter(u[j]);
      if ((single_before && single_after) || han || strict) {
        for (size_t k = i; k < j; ++k) u[k].removed = true;
      }
    }
    i = j;
  }
}

void CollapseSpacesAndRepeats(std::vector<Unit>* units) {
  std::vector<Unit>& u = *units;
  size_t out = 0;
  for (size_t i = 0; i < u.size(); ++i) {
    if (u[i].removed) continue;
    Unit unit = u[i];
    if (unit.cls == CharClass::kSpace) unit.cp = ' ';
    if (out > 0) {
      Unit& last = u[out - 1];
      const bool both_space = unit.cls == CharClass::kSpace && last.cls == CharClass::kSpace;
      const bool repeat = unit.cls == CharClass::kLetter && last.cls == CharClass::kLetter &&
                          unit.cp == last.cp;
      if (both_space || repeat) {
        last.end = unit.end;
        if (repeat && last.run < 255) ++last.run;
        continue;
      }
    }
    u[out++] = unit;
  }
  u.resize(out);
}

}  // namespace

void BuildSkeletonView(std::string_view original, bool strict, TextView* view) {
  std::vector<Unit>& units = t_units;
  MapCodePoints(original, &units);
  ResolveLeetspeak(&units);
  JoinSeparatedLetters(strict, &units);
  CollapseSpacesAndRepeats(&units);
  view->ResetTransformed(original);
  for (const Unit& unit : units) view->Put(unit.cp, unit.start, unit.end, unit.run);
}

}  // namespace vigil
