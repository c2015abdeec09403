// pattern_translate.h — the engine's Hyperscan patterns rewritten for RE2 and
// for std::regex (ECMAScript) with Hyperscan's meaning, so that
// bench_baselines can time the other matchers over the same patterns and check
// that they agree before timing them.
//
// The same text means different things in the three dialects. What the
// translations bridge:
//
//   Case folding   HS_FLAG_CASELESS folds ASCII letters only. RE2's (?i) folds
//                  every script (and k, s to the Kelvin sign and long s), so a
//                  caseless UTF-8 literal gets each ASCII letter as the class
//                  of its two cases instead (AsciiCaseClasses); other caseless
//                  patterns get (?i). std::regex::icase in the "C" locale folds
//                  ASCII only, as Hyperscan does.
//   `$`            Without HS_FLAG_MULTILINE, Hyperscan's `$` also matches
//                  before a newline that ends the text (as PCRE's does); RE2's
//                  and ECMAScript's match only at the end. `$` becomes
//                  `(?:\n?\z)` for RE2 (PcreDollar) and `(?=\n?$)` for
//                  ECMAScript.
//   UTF-8          RE2 has a UTF-8 mode; a byte-mode Hyperscan pattern runs in
//                  RE2's Latin-1 mode. std::regex<char> sees bytes only, so in
//                  UTF-8 mode ".", "\W", "\S", "\D" and negated classes are
//                  rewritten to take one whole character (lead byte plus
//                  continuation bytes), and multi-byte characters are grouped
//                  before a quantifier. ECMAScript's "." also stops at \r,
//                  Hyperscan's only at \n.
//   Prefilter      HS_FLAG_PREFILTER makes Hyperscan over-approximate the
//                  pattern. The translations keep the exact pattern, so such a
//                  pattern is compared one way only: Hyperscan may report it
//                  where the other matcher does not, never the reverse
//                  (IsPrefilter).
//
// What a dialect cannot say (Hyperscan flags outside kTranslatedFlags, PCRE
// escapes without an ECMAScript spelling, inline flags, possessive
// quantifiers, ...) is left untranslated and reported, never approximated.
//
//   Re2Translation re2 = TranslateForRe2(patterns);
//   for (const Re2Pattern& p : re2.patterns) { /* RE2(p.regex), p.latin1 */ }
//
//   EcmaTranslator translator(pattern.expression, pattern.flags);
//   std::string ecma;
//   if (!translator.Translate(&ecma)) Skip(translator.why());
#ifndef VIGIL_BENCH_PATTERN_TRANSLATE_H_
#define VIGIL_BENCH_PATTERN_TRANSLATE_H_

#include <hs/hs.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/view_kind.h"
#include "compile/pattern_set.h"

namespace vigil::bench {

// One pattern of the engine's Hyperscan databases.
struct Pattern {
  ViewKind view;
  std::string expression;
  unsigned flags;
  PatternKind kind;
  std::string rule;
};

inline bool IsPrefilter(const Pattern& p) { return (p.flags & HS_FLAG_PREFILTER) != 0; }

// Hyperscan flags whose meaning the RE2 and std::regex translations keep.
// HS_FLAG_PREFILTER is kept by comparing such patterns one way only.
inline constexpr unsigned kTranslatedFlags = HS_FLAG_CASELESS | HS_FLAG_DOTALL | HS_FLAG_MULTILINE |
                                             HS_FLAG_SINGLEMATCH | HS_FLAG_UTF8 |
                                             HS_FLAG_PREFILTER | HS_FLAG_SOM_LEFTMOST;

// ------------------------------------------------------------------- RE2

// A literal as the engine writes it (letters as themselves, other ASCII as
// \xHH, case variants of other letters as [...]) with each ASCII letter as the
// class of its two cases: [aA], or aA inside an existing class.
std::string AsciiCaseClasses(std::string_view literal);

// `regex` with every `$` outside a class and not escaped as `(?:\n?\z)`;
// adds the number rewritten to *rewritten.
std::string PcreDollar(std::string_view regex, size_t* rewritten);

struct Re2Pattern {
  uint32_t id;        // index into the patterns translated (or a group id)
  std::string regex;  // RE2 syntax, flags inline
  bool latin1;        // a byte-mode Hyperscan pattern
};

struct Re2Translation {
  std::vector<Re2Pattern> patterns;
  size_t caseless = 0;      // (?i)
  size_t case_classes = 0;  // AsciiCaseClasses
  size_t dollars = 0;       // PcreDollar rewrites
  size_t latin1 = 0;
  size_t untranslated = 0;  // flags RE2 cannot express
};

// Every pattern whose flags RE2 can express; a pattern's id is its index in
// `patterns`.
Re2Translation TranslateForRe2(const std::vector<Pattern>& patterns);

using IdSets = std::vector<std::vector<uint32_t>>;  // per post, sorted, unique

// What a naive implementation writes: one RE2 per rule, its patterns as one
// alternation (a rule's UTF-8 and byte-mode patterns apart: an RE2 has one
// encoding). Group ids index `items`, whose expression is the alternation.
struct RuleGroups {
  static constexpr uint32_t kNone = ~uint32_t{0};

  std::vector<Pattern> items;
  std::vector<Re2Pattern> regexes;  // regexes[g].id == g
  std::vector<uint32_t> group_of;   // pattern id → group, or kNone

  // The groups each post's patterns belong to.
  IdSets Map(const IdSets& pattern_sets) const;
};

// `t` translated from `patterns`.
RuleGroups GroupByRule(const Re2Translation& t, const std::vector<Pattern>& patterns);

// ------------------------------------------------------------ std::regex

// Rewrites a Hyperscan expression in std::regex's ECMAScript grammar with
// Hyperscan's meaning, over the bytes std::regex<char> sees. Compile the
// result with std::regex::icase when the pattern has HS_FLAG_CASELESS.
// One translator per expression.
class EcmaTranslator {
 public:
  EcmaTranslator(std::string_view expression, unsigned flags)
      : e_(expression),
        utf8_((flags & HS_FLAG_UTF8) != 0),
        dotall_((flags & HS_FLAG_DOTALL) != 0),
        multiline_((flags & HS_FLAG_MULTILINE) != 0) {}

  // False, with the reason in why(), for what ECMAScript cannot say or this
  // translation does not cover.
  bool Translate(std::string* out);
  const std::string& why() const { return why_; }

 private:
  enum class EscapeKind { kChar, kShorthand, kAssertion };

  bool Fail(std::string why) {
    why_ = std::move(why);
    return false;
  }
  char32_t ReadChar();
  bool ReadEscape(bool in_class, EscapeKind* kind, char32_t* c);
  bool Quantifier(std::string* out);
  bool ClassMember(char32_t* c, bool* shorthand);
  bool Class(std::string* atom);
  std::string CharAtom(char32_t c) const;
  std::string Shorthand(char32_t letter) const;
  std::string Dot() const;

  std::string_view e_;
  size_t pos_ = 0;
  bool utf8_, dotall_, multiline_;
  std::string why_;
};

}  // namespace vigil::bench

#endif  // VIGIL_BENCH_PATTERN_TRANSLATE_H_
