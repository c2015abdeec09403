#include "validate/pii_phone_pattern.h"

#include <gtest/gtest.h>

#include <string>

namespace vigil::testing {
namespace {

// The groups of the match at `start` as "a|b|…" ("-" for an unset group),
// or "no match".
std::string Groups(std::string_view pattern, std::string_view text, size_t start = 0) {
  absl::StatusOr<DigitPattern> compiled = DigitPattern::Compile(pattern);
  if (!compiled.ok()) return std::string(compiled.status().message());
  DigitPattern::Groups groups;
  if (!compiled->MatchAt(text, start, &groups)) return "no match";
  std::string out;
  for (int i = 0; i <= compiled->group_count(); ++i) {
    if (i) out += '|';
    out += groups.begin[i] < 0
               ? std::string("-")
               : std::string(text.substr(groups.begin[i], groups.end[i] - groups.begin[i]));
  }
  return out;
}

TEST(DigitPattern, FormatGroups) {
  EXPECT_EQ(Groups("(\\d{3})(\\d{3})(\\d{4})", "4155550132"), "4155550132|415|555|0132");
  EXPECT_EQ(Groups("(\\d)(\\d{2})(\\d{2})(\\d{2})(\\d{2})", "612345678"),
            "612345678|6|12|34|56|78");
  EXPECT_EQ(Groups("(\\d{3})(\\d{4})", "5550132", 0), "5550132|555|0132");
}

// Perl's (and ICU's) leftmost-first semantics: quantifiers are greedy,
// alternatives are tried in order, and the first whole match wins.
TEST(DigitPattern, LeftmostFirst) {
  EXPECT_EQ(Groups("(\\d{2,3})(\\d{3,4})", "1234567"), "1234567|123|4567");
  EXPECT_EQ(Groups("(\\d{2,3})(\\d{3,4})$", "123456"), "123456|123|456");
  EXPECT_EQ(Groups("(1|12)(\\d)", "123"), "12|1|2");
  EXPECT_EQ(Groups("(12|1)(\\d)", "123"), "123|12|3");
  EXPECT_EQ(Groups("1|([457]\\d{6})$", "14155550132"), "1|-");
  EXPECT_EQ(Groups("1|([457]\\d{6})$", "4561234"), "4561234|4561234");
  EXPECT_EQ(Groups("1|([457]\\d{6})$", "45612345"), "no match");
  EXPECT_EQ(Groups("(?:0|90)(?:(1[245]|2[1-35])(\\d{10,11}))?", "0211234567890"),
            "0211234567890|21|1234567890");
  EXPECT_EQ(Groups("(?:0|90)(?:(1[245]|2[1-35])(\\d{10,11}))?", "0991234567890"), "0|-|-");
  EXPECT_EQ(Groups("[2-9]\\d", "19", 0), "no match");
  EXPECT_EQ(Groups("[2-9]\\d", "191", 1), "91");
}

TEST(DigitPattern, RefusesSyntaxOutsideTheMetadatasSubset) {
  for (const char* pattern : {"\\d+", "\\d*", "\\d{2,}", "\\d{2}?", "(?=1)", "[^1]", "a", "\\w",
                              "(\\d", "\\d)", "(1)(2)(3)(4)(5)(6)(7)(8)(9)(0)"}) {
    EXPECT_FALSE(DigitPattern::Compile(pattern).ok()) << pattern;
  }
}

}  // namespace
}  // namespace vigil::testing
