// Turns a list term into a Hyperscan expression that matches the term as a
// literal, case-insensitively in every script when asked to.
//
// Hyperscan's caseless flag folds ASCII only, even in UTF-8 mode ("ФУК" does
// not match "фук"), so each non-ASCII letter with case variants becomes a
// class of its variants. The view-based normalization (evasion issue) will
// make most of this unnecessary; the escaping stays.
//
//   LiteralPattern p = BuildLiteralPattern("фук", /*case_sensitive=*/false);
//   // p.expression == "[фФ][уУ][кК]", p.flags has HS_FLAG_UTF8|HS_FLAG_CASELESS
#ifndef VIGIL_NORMALIZE_CASE_PATTERN_H_
#define VIGIL_NORMALIZE_CASE_PATTERN_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace vigil {

struct LiteralPattern {
  std::string expression;  // Hyperscan syntax
  unsigned flags = 0;      // HS_FLAG_* to compile it with
  // Code points in the term: a match ends at `to`, and starts this many code
  // points earlier whatever case variants the text used.
  uint32_t code_points = 0;
};

// `term` must be valid UTF-8 without control characters. `folded` says the
// term and the text it will match are already case-folded (the folded and
// skeleton views): then only ASCII needs the caseless flag (the folded view
// keeps ASCII case) and no class of case variants is built.
LiteralPattern BuildLiteralPattern(std::string_view term, bool case_sensitive,
                                   bool folded = false);

}  // namespace vigil

#endif  // VIGIL_NORMALIZE_CASE_PATTERN_H_
