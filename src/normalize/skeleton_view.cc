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
#include <cstdint>

#include "common/utf8.h"
#include "normalize/char_tables.h"
#include "normalize/skeleton_paths.h"
#include "normalize/text_view.h"

namespace vigil {
namespace {

struct Unit {
  char32_t cp;
  uint32_t start;
  uint32_t end;
  CharClass cls;
  bool removed;
  bool soft_boundary;  // a zero-width non-joiner stood before it
  bool cyrillic;       // from a Cyrillic letter (before look-alike mapping)
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

// 6 stands for б in Cyrillic words ("6лядь"); the other digits follow the
// Latin table (3 for е, 4 for а, 0 for о, which the skeleton maps to e, a
// and o). 3 is sometimes з ("пи3да") and 4 sometimes ч: one reading only,
// the commoner one.
char32_t CyrillicLeetLetter(char32_t c) {
  switch (c) {
    case '6': return 0x0431;  // б
    default: return LeetLetter(c);
  }
}

bool IsCyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }

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


// What the contextual steps need to know about a field, noted while mapping
// it, so that a step with nothing to do is skipped.
struct FieldTraits {
  bool digits_or_leet = false;  // a digit or a leet symbol (step 2)
  bool spaceless = false;       // Han, Kana, … (step 3 between them)
};

FieldTraits MapCodePoints(std::string_view text, std::vector<Unit>* units) {
  FieldTraits traits;
  const CharTables& tables = CharTables::Get();
  units->clear();
  units->reserve(text.size() + 8);
  size_t pos = 0;
  uint32_t pending_start = 0;
  bool pending = false;  // removed code points before the first unit
  bool soft = false;     // a zero-width non-joiner was just removed
  std::string_view mapped;
  while (pos < text.size()) {
    const unsigned char b = static_cast<unsigned char>(text[pos]);
    const uint32_t start = static_cast<uint32_t>(pos);
    if (b < 0x80) {
      char32_t c = b;
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      const CharClass cls = tables.ClassOf(c);
      traits.digits_or_leet |= cls == CharClass::kDigit || IsLeetSymbol(c);
      units->push_back({c, pending ? pending_start : start, start + 1, cls, false, soft,
                        false});
      soft = false;
      pending = false;
      ++pos;
      continue;
    }
    size_t next;
    const char32_t c = DecodeUtf8At(text, pos, &next);
    if (!tables.Skeleton(c, &mapped)) {
      const CharClass cls = tables.ClassOf(c);
      traits.spaceless |= cls == CharClass::kSpacelessLetter;
      units->push_back({c, pending ? pending_start : start, static_cast<uint32_t>(next), cls,
                        false, soft, IsCyrillic(c)});
      soft = false;
      pending = false;
    } else if (mapped.empty()) {
      // Removed (a mark, an invisible character): it belongs to the
      // character before it, so masking that character masks it too.
      // A zero-width non-joiner also ends a word (see SoftBoundaryBefore).
      soft = soft || c == kZeroWidthNonJoiner;
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
        const CharClass cls = tables.ClassOf(out);
        traits.digits_or_leet |= cls == CharClass::kDigit || IsLeetSymbol(out);
        traits.spaceless |= cls == CharClass::kSpacelessLetter;
        units->push_back({out, pending ? pending_start : start, static_cast<uint32_t>(next), cls,
                          false, soft, IsCyrillic(c)});
        soft = false;
        pending = false;
        m = mnext;
      }
    }
    pos = next;
  }
  return traits;
}

// Leetspeak in u[begin, end), a word: a run of letters, digits and leet
// symbols. Units outside a word can neither belong to a token nor start
// one, so a word is read alone, from its first unit.
void ResolveLeetspeakInWord(std::vector<Unit>* units, size_t begin, size_t end) {
  std::vector<Unit>& u = *units;
  const size_t n = end;
  size_t i = begin;
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
    bool han = false;
    int cyrillic = 0;
    while (j < n) {
      if (IsLetter(u[j])) {
        ++letters;
        han = han || u[j].cls == CharClass::kSpacelessLetter;
        cyrillic += u[j].cyrillic;
      } else if (u[j].cls == CharClass::kDigit) {
        ++digits;
      } else if (IsLeetSymbol(u[j].cp)) {
        // '!' ends sentences, so it is a letter only before one ("sh!t",
        // not "shit!"); the other symbols may end a word ("a$$").
        const bool continues =
            j + 1 < n && (IsAlnum(u[j + 1]) ||
                          (IsLeetSymbol(u[j + 1].cp) && j + 2 < n && IsAlnum(u[j + 2])));
        if (u[j].cp == '!' && !continues) break;
      } else {
        break;
      }
      ++j;
    }
    // Not next to Han: "日｜你｜妈" has bars, not l's.
    if (letters > 0 && letters >= digits && !han) {
      for (size_t k = i; k < j; ++k) {
        if (u[k].cls == CharClass::kDigit || IsLeetSymbol(u[k].cp)) {
          const char32_t letter =
              cyrillic > 0 ? CyrillicLeetLetter(u[k].cp) : LeetLetter(u[k].cp);
          if (letter) {
            u[k].cp = letter;
            u[k].cls = CharClass::kLetter;
          }
        }
      }
    }
    i = std::max(j, i + 1);
  }
}

bool InLeetWord(const Unit& u) { return IsAlnum(u) || IsLeetSymbol(u.cp); }

// Step 2, only in the words that have a digit or a leet symbol.
void ResolveLeetspeak(std::vector<Unit>* units) {
  std::vector<Unit>& u = *units;
  const size_t n = u.size();
  size_t done = 0;  // words before this are resolved
  for (size_t i = 0; i < n; ++i) {
    if (u[i].cls != CharClass::kDigit && !IsLeetSymbol(u[i].cp)) continue;
    size_t begin = i, end = i + 1;
    while (begin > done && InLeetWord(u[begin - 1])) --begin;
    while (end < n && InLeetWord(u[end])) ++end;
    ResolveLeetspeakInWord(units, begin, end);
    done = end;
    i = end;
  }
}

// A token is one letter when all its units come from one original code
// point ("ß" folds to "ss" and is still one letter).
bool IsSingleLetter(const std::vector<Unit>& u, size_t begin, size_t end) {
  if (!IsLetter(u[begin])) return false;
  for (size_t k = begin + 1; k < end; ++k) {
    if (u[k].start != u[begin].start) return false;
  }
  return true;
}

// What a separator between two letters is made of. Letters spelled out with
// one kind of separator belong together; where the kind changes ("a
// b.u.l.l", "h.i.j.o d.e") the spelled word may begin or end.
struct Token {
  size_t begin, end;
  bool single;
};
struct Separator {
  size_t begin, end;  // units between token k and token k + 1
  uint32_t kind;      // spaces: their count; punctuation: kPunctuation; both: kMixed
  bool joins;
  bool drop;
};
constexpr uint32_t kPunctuation = 0x10000;
constexpr uint32_t kMixed = 0x20000;

bool IsQuoteOrBracket(char32_t c) {
  switch (c) {
    case '"': case '\'': case '(': case ')': case '[': case ']': case '{': case '}':
    case 0x00AB: case 0x00BB: case 0x2018: case 0x2019: case 0x201C: case 0x201D:
      return true;
    default:
      return false;
  }
}

// The general path's buffers, kept per thread: a Classifier builds views on
// one thread at a time, and the buffers keep their capacity across posts.
struct Scratch {
  std::vector<Unit> units;
  std::vector<Token> tokens;
  std::vector<Separator> separators;
};

// Not inlined on purpose: GCC re-derives the address of a thread_local in
// every loop iteration that uses it, which in a shared library is a call to
// __tls_get_addr each time (4% of all classify time, measured); a pointer
// returned from a call is an ordinary value.
[[gnu::noinline]] Scratch* ThreadScratch() {
  thread_local Scratch scratch;
  return &scratch;
}

void JoinSeparatedLetters(bool strict_level, const FieldTraits& traits,
                          std::vector<Unit>* units, Scratch* scratch) {
  std::vector<Unit>& u = *units;
  const size_t n = u.size();
  std::vector<Token>& tokens = scratch->tokens;
  std::vector<Separator>& seps = scratch->separators;
  tokens.clear();
  seps.clear();
  bool any_single = false;
  for (size_t i = 0; i < n;) {
    if (!IsAlnum(u[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && IsAlnum(u[j])) ++j;
    const bool single = IsSingleLetter(u, i, j);
    any_single |= single;
    tokens.push_back({i, j, single});
    i = j;
  }
  // Separators drop only next to a single letter, between Han characters,
  // or at the strict level.
  if (!any_single && !traits.spaceless && !strict_level) return;
  for (size_t k = 0; k + 1 < tokens.size(); ++k) {
    Separator sep{tokens[k].end, tokens[k + 1].begin, 0, false, false};
    // Most separators can drop under no rule: skip reading them.
    const bool may_join = tokens[k].single && tokens[k + 1].single;
    const bool may_han = u[sep.begin - 1].cls == CharClass::kSpacelessLetter &&
                         u[sep.end].cls == CharClass::kSpacelessLetter;
    const bool may_strict = strict_level && IsLetter(u[sep.begin - 1]) && IsLetter(u[sep.end]);
    if (sep.end - sep.begin > 3 || (!may_join && !may_han && !may_strict)) {
      seps.push_back(sep);
      continue;
    }
    uint32_t spaces = 0;
    bool punct = false, newline = false, sentence = false, quote = false, list = false,
         underscore = false;
    for (size_t m = sep.begin; m < sep.end; ++m) {
      const char32_t c = u[m].cp;
      newline = newline || c == '\n';
      sentence = sentence || IsSentencePunctuation(c);
      quote = quote || IsQuoteOrBracket(c);
      list = list || c == '/' || c == 0x3001;
      underscore = underscore || c == '_';
      if (u[m].cls == CharClass::kSpace) {
        ++spaces;
      } else {
        punct = true;
      }
    }
    sep.kind = spaces && punct ? kMixed : punct ? kPunctuation : spaces;
    const bool short_gap = sep.end - sep.begin <= 3 && !newline;
    // "f.u.c.k", "f u c k", "s,h,i,t": a separator between two single
    // letters, unless it ends a clause or a quotation ("c/u/n/t, I").
    sep.joins = short_gap && tokens[k].single && tokens[k + 1].single &&
                !(sep.kind == kMixed && (quote || sentence));
    // Between Han characters: symbols join ("傻·逼", "贱*人"); spaces and
    // '_' only next to a single character ("操 你 妈"; "炸鸡 巴旦木" and
    // "生日_你妈妈.jpg" are two words); list punctuation likewise ("操/你/妈",
    // not "牛奶/烤鸡/巴旦木"); clause punctuation never.
    const bool left_single = tokens[k].end - tokens[k].begin == 1;
    const bool right_single = tokens[k + 1].end - tokens[k + 1].begin == 1;
    const bool han_allowed = sep.kind == kPunctuation && !underscore && !list
                                 ? true
                                 : left_single || right_single;
    const bool han = short_gap && !sentence && han_allowed &&
                     u[sep.begin - 1].cls == CharClass::kSpacelessLetter &&
                     u[sep.end].cls == CharClass::kSpacelessLetter;
    // strict: "fu.ck", "sh_it".
    const bool strict = strict_level && short_gap && sep.kind == kPunctuation &&
                        IsLetter(u[sep.begin - 1]) && IsLetter(u[sep.end]);
    sep.drop = sep.joins || han || strict;
    seps.push_back(sep);
  }
  // Where two runs of spelled-out letters with different separators meet,
  // the shared letter may end the one word or begin the other ("a b.u.l.l":
  // "a" is a word; "f u*c_k": "f" is not). Both readings stay possible: the
  // letters join, and a soft word boundary goes on each side of the shared
  // letter, which whole-word matching accepts as a boundary.
  for (size_t k = 0; k + 1 < seps.size(); ++k) {
    if (!seps[k].joins || !seps[k + 1].joins || seps[k].kind == seps[k + 1].kind) continue;
    const Token& shared = tokens[k + 1];
    u[shared.begin].soft_boundary = true;
    u[tokens[k + 2].begin].soft_boundary = true;
  }
  for (const Separator& sep : seps) {
    if (!sep.drop) continue;
    for (size_t m = sep.begin; m < sep.end; ++m) u[m].removed = true;
  }
}

// Resolves leetspeak in out[begin, end), a word of `text` (a run of
// letters, digits and leet symbols), token by token exactly as
// ResolveLeetspeak reads them: the same start, extent and letters-versus-
// digits rule, on the original classes. Characters outside a word can
// neither belong to a token nor start one, so a word is read alone.
void ResolveAsciiLeetspeak(std::string_view text, size_t begin, size_t end, char* out) {
  const CharTables& tables = CharTables::Get();
  auto class_of = [&](size_t k) { return tables.ClassOf(static_cast<unsigned char>(text[k])); };
  auto is_alnum = [&](size_t k) {
    return k < end && (class_of(k) == CharClass::kLetter || class_of(k) == CharClass::kDigit);
  };
  auto is_leet = [&](size_t k) { return k < end && IsLeetSymbol(text[k]); };
  size_t i = begin;
  while (i < end) {
    if (!is_alnum(i) && !(is_leet(i) && is_alnum(i + 1))) {
      ++i;
      continue;
    }
    size_t j = i;
    int letters = 0, digits = 0;
    for (; j < end; ++j) {
      const CharClass cls = class_of(j);
      if (cls == CharClass::kLetter) {
        ++letters;
      } else if (cls == CharClass::kDigit) {
        ++digits;
      } else if (text[j] == '!' &&
                 !(is_alnum(j + 1) || (is_leet(j + 1) && is_alnum(j + 2)))) {
        break;  // '!' is a letter only before one
      }
    }
    if (letters > 0 && letters >= digits) {
      for (size_t k = i; k < j; ++k) {
        if (class_of(k) == CharClass::kLetter) continue;
        if (const char32_t letter = LeetLetter(static_cast<unsigned char>(text[k]))) {
          out[k] = static_cast<char>(letter);
        }
      }
    }
    i = std::max(j, i + 1);
  }
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// What the ASCII path asks of a byte, one table lookup each: its class from
// CharTables, and whether step 2 may change it (a digit or a leet symbol).
struct AsciiBytes {
  CharClass cls[256];
  bool leet[256];
};

const AsciiBytes& GetAsciiBytes() {
  static const AsciiBytes* const kBytes = [] {
    auto* bytes = new AsciiBytes();
    const CharTables& tables = CharTables::Get();
    for (int c = 0; c < 256; ++c) {
      bytes->cls[c] = c < 0x80 ? tables.ClassOf(static_cast<char32_t>(c)) : CharClass::kOther;
      bytes->leet[c] = bytes->cls[c] == CharClass::kDigit || IsLeetSymbol(static_cast<char32_t>(c));
    }
    return bytes;
  }();
  return *kBytes;
}

// Whether every code point above ASCII in `text` is one the byte path
// handles as the general path would: a symbol the skeleton keeps as it is
// (emoji, dashes, curly quotes: one unit of several bytes, never part of a
// word), or an invisible character the skeleton removes right after such a
// symbol or another one of these (the variation selector of "❤️", the
// joiners of emoji sequences), which only widens the symbol's unit. A third
// of the non-ASCII text of the mixed corpus is English with such symbols.
bool OnlyQuietNonAscii(std::string_view text) {
  const CharTables& tables = CharTables::Get();
  bool after_symbol = false;
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      after_symbol = false;
      ++i;
      continue;
    }
    const char32_t c = DecodeUtf8At(text, i, &i);
    std::string_view mapped;
    if (!tables.Skeleton(c, &mapped)) {
      if (tables.ClassOf(c) != CharClass::kOther) return false;
      after_symbol = true;
    } else if (!mapped.empty() || !after_symbol || c == kZeroWidthNonJoiner) {
      return false;
    }
  }
  return true;
}

// Steps 3 to 5 of the ASCII path, byte by byte into the view's buffers (see
// BuildAsciiSkeleton). Step 3 follows JoinSeparatedLetters: a separator
// drops when it joins two single letters, or at the strict level when it is
// short punctuation between letters; where two joins with different kinds
// of separator meet, the shared letter gets a soft boundary on both sides.
struct AsciiSkeletonWriter {
  TextView::Slots out;
  std::string_view original;
  bool strict;
  size_t size = 0;
  // The byte of the last unit when a repeat of it merges into it (a letter,
  // or ' ' for whitespace), else 0.
  char last = 0;
  // Where the token after the last joined separator begins, that
  // separator's kind, and whether that token begins after a soft boundary.
  size_t join_target = SIZE_MAX;
  uint32_t join_kind = 0;
  bool join_soft = false;

  // Appends byte k as a unit, or merges it into the last unit (whitespace
  // runs, repeated letters). Returns whether it was appended.
  bool Put(size_t k, char c, bool mergeable, bool soft_boundary) {
    if (mergeable && c == last && size > 0) {
      out.end[size - 1] = static_cast<uint32_t>(k + 1);
      uint8_t& run = out.run[size - 1];
      if (c != ' ' && (run & TextView::kRunMask) < TextView::kRunMask) ++run;
      return false;
    }
    out.text[size] = c;
    out.start[size] = static_cast<uint32_t>(k);
    out.end[size] = static_cast<uint32_t>(k + 1);
    out.run[size] = soft_boundary ? 1 | TextView::kSoftBoundary : 1;
    ++size;
    last = mergeable ? c : 0;
    return true;
  }
  void Space(size_t k) { Put(k, ' ', true, false); }

  // A letter inside a longer token. Returns the next position to read.
  size_t Letter(size_t k, size_t n) {
    Put(k, out.text[k], true, false);
    ++k;
    return strict && k < n && !IsAsciiAlnum(out.text[k]) ? StrictGap(k, n) : k;
  }

  // A digit or a symbol.
  void Other(size_t k) { Put(k, out.text[k], false, false); }

  // A symbol outside ASCII the skeleton keeps as it is (OnlyQuietNonAscii),
  // or an invisible character after one, which it removes: the symbol's
  // unit then covers it. Returns the next position to read.
  size_t NonAscii(size_t k) {
    size_t next;
    const char32_t c = DecodeUtf8At(original, k, &next);
    std::string_view mapped;
    if (CharTables::Get().Skeleton(c, &mapped)) {  // removed
      out.end[size - 1] = static_cast<uint32_t>(next);
      return next;
    }
    for (size_t i = k; i < next; ++i) out.text[size + (i - k)] = original[i];
    out.start[size] = static_cast<uint32_t>(k);
    out.end[size + (next - k) - 1] = static_cast<uint32_t>(next);
    out.run[size] = 1;
    size += next - k;
    last = 0;
    return next;
  }

  // The separator from `from` up to the next alphanumeric unit, as
  // JoinSeparatedLetters reads it: counted in units (removed characters are
  // none), read no further than a fourth unit.
  struct Gap {
    size_t next;  // where the next token begins, or where reading stopped
    uint32_t units = 0, spaces = 0;
    bool punct = false, newline = false, sentence = false, quote = false;
    bool Short(size_t n) const { return units <= 3 && next < n && !newline; }
    uint32_t Kind() const { return spaces && punct ? kMixed : punct ? kPunctuation : spaces; }
  };
  Gap ScanGap(size_t from, size_t n) const {
    Gap gap{from};
    while (gap.next < n) {
      const unsigned char b = static_cast<unsigned char>(out.text[gap.next]);
      if (IsAsciiAlnum(static_cast<char>(b))) break;
      char32_t c = b;
      size_t after = gap.next + 1;
      if (b >= 0x80) {
        c = DecodeUtf8At(original, gap.next, &after);
        std::string_view mapped;
        if (CharTables::Get().Skeleton(c, &mapped)) {  // removed: not a unit
          gap.next = after;
          continue;
        }
      }
      if (++gap.units > 3) break;
      gap.newline = gap.newline || c == '\n';
      gap.sentence = gap.sentence || IsSentencePunctuation(c);
      gap.quote = gap.quote || IsQuoteOrBracket(c);
      if (c < 0x80 && GetAsciiBytes().cls[c] == CharClass::kSpace) {
        ++gap.spaces;
      } else {
        gap.punct = true;
      }
      gap.next = after;
    }
    return gap;
  }

  // At the strict level, punctuation of at most three characters between
  // two letters drops ("fu.ck"). k is just after a letter.
  size_t StrictGap(size_t k, size_t n) {
    const Gap gap = ScanGap(k, n);
    const bool drops = gap.Short(n) && gap.Kind() == kPunctuation &&
                       out.text[gap.next] >= 'a' && out.text[gap.next] <= 'z';
    return drops ? gap.next : k;
  }

  // A token of one letter: it may join the next one. Returns the next
  // position to read.
  size_t SingleLetter(size_t k, size_t n) {
    const bool after_join = k == join_target;
    const bool appended = Put(k, out.text[k], true, after_join && join_soft);
    const size_t unit = size - 1;
    const Gap gap = ScanGap(k + 1, n);
    if (!gap.Short(n)) return k + 1;
    const size_t next = gap.next;
    const uint32_t kind = gap.Kind();
    const char following = out.text[next];
    const bool next_letter = following >= 'a' && following <= 'z';
    const bool next_single = next_letter && (next + 1 == n || !IsAsciiAlnum(out.text[next + 1]));
    const bool joins = next_single && !(kind == kMixed && (gap.quote || gap.sentence));
    if (!joins) {
      return strict && kind == kPunctuation && next_letter ? next : k + 1;
    }
    bool soft_next = false;
    if (after_join && join_kind != kind) {
      // "a b.u.l.l": the shared letter may end one word or begin the other.
      if (appended) out.run[unit] |= TextView::kSoftBoundary;
      soft_next = true;
    }
    join_target = next;
    join_kind = kind;
    join_soft = soft_next;
    return next;  // the separator drops
  }
};

// The byte path: a field of ASCII (most English posts), with at most the
// quiet symbols of OnlyQuietNonAscii besides, gets the same view as
// BuildGeneralSkeleton gives it, computed on bytes straight into the view's
// buffers. The general path costs ~30 cycles per byte (a Unit per code point
// and several passes over them). Every ASCII code point is one byte and one
// unit, the mapping removes nothing, and ASCII has no Cyrillic or Han, so
// each step reduces to byte operations with the same rules. Returns false
// for any other text (the caller then takes the general path).
bool BuildAsciiSkeleton(std::string_view text, bool strict, TextView* view) {
  const size_t n = text.size();
  const TextView::Slots out = view->ResetTransformedSlots(text, n);

  const AsciiBytes& bytes = GetAsciiBytes();

  // Step 1, branch-free so that it vectorizes: lower case, and note bytes
  // above 0x7F.
  const unsigned char* __restrict in = reinterpret_cast<const unsigned char*>(text.data());
  char* __restrict lowered = out.text;
  unsigned char high = 0;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = in[i];
    high |= c;
    lowered[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
  }
  if ((high & 0x80) && !OnlyQuietNonAscii(text)) return false;
  auto is_alnum = [](CharClass cls) {
    return cls == CharClass::kLetter || cls == CharClass::kDigit;
  };

  // Step 2, only in the words that have a digit or a leet symbol.
  auto in_word = [&](size_t k) { return is_alnum(bytes.cls[in[k]]) || bytes.leet[in[k]]; };
  size_t done = 0;  // words before this are resolved
  for (size_t i = 0; i < n; ++i) {
    if (!bytes.leet[in[i]]) continue;
    size_t begin = i, end = i + 1;
    while (begin > done && in_word(begin - 1)) --begin;
    while (end < n && in_word(end)) ++end;
    ResolveAsciiLeetspeak(text, begin, end, out.text);
    done = end;
    i = end;
  }

  // Steps 3 to 5 in one pass, compacting out.text in place: the write
  // position never passes the read position, and the look-ahead of step 3
  // reads only bytes not yet written over. After step 2 a byte is a letter
  // exactly when it is a-z and a digit when it is 0-9.
  AsciiSkeletonWriter writer{out, text, strict};
  for (size_t k = 0; k < n;) {
    const CharClass cls = bytes.cls[static_cast<unsigned char>(out.text[k])];
    if (cls == CharClass::kSpace) {
      writer.Space(k++);
    } else if (cls == CharClass::kLetter) {
      const bool single = (k == 0 || !IsAsciiAlnum(out.text[k - 1])) &&
                          (k + 1 == n || !IsAsciiAlnum(out.text[k + 1]));
      k = single ? writer.SingleLetter(k, n) : writer.Letter(k, n);
    } else if (static_cast<unsigned char>(out.text[k]) >= 0x80) {
      k = writer.NonAscii(k);
    } else {
      writer.Other(k++);
    }
  }
  view->SetTransformedSize(writer.size);
  return true;
}

void BuildGeneralSkeleton(std::string_view original, bool strict, TextView* view) {
  Scratch* scratch = ThreadScratch();
  std::vector<Unit>& units = scratch->units;
  const FieldTraits traits = MapCodePoints(original, &units);
  if (traits.digits_or_leet) ResolveLeetspeak(&units);
  JoinSeparatedLetters(strict, traits, &units, scratch);
  // Steps 4 and 5 while writing the view: whitespace runs become one space,
  // runs of one letter one letter with its run length.
  view->ResetTransformed(original);
  CharClass last_class = CharClass::kOther;
  char32_t last_cp = 0;
  bool any = false;
  for (const Unit& unit : units) {
    if (unit.removed) continue;
    const bool space = unit.cls == CharClass::kSpace;
    if (any) {
      const bool both_space = space && last_class == CharClass::kSpace;
      const bool repeat = unit.cls == CharClass::kLetter && last_class == CharClass::kLetter &&
                          unit.cp == last_cp;
      if (both_space || repeat) {
        view->ExtendLast(unit.end, repeat);
        continue;
      }
    }
    const char32_t cp = space ? U' ' : unit.cp;
    view->Put(cp, unit.start, unit.end, 1, unit.soft_boundary);
    last_class = unit.cls;
    last_cp = cp;
    any = true;
  }
}

}  // namespace

namespace skeleton_internal {
bool BuildAscii(std::string_view original, bool strict, TextView* view) {
  return BuildAsciiSkeleton(original, strict, view);
}
void BuildGeneral(std::string_view original, bool strict, TextView* view) {
  BuildGeneralSkeleton(original, strict, view);
}
}  // namespace skeleton_internal

void BuildSkeletonView(std::string_view original, bool strict, TextView* view) {
  if (BuildAsciiSkeleton(original, strict, view)) return;
  BuildGeneralSkeleton(original, strict, view);
}

}  // namespace vigil
