// Reading numbers as people write them: digit groups with separators
// ("4111 1111-1111 1111", "۰۹۱۲ ۳۴۵ ۶۷۸۹" once folded), and whether a value
// is glued to the text around it ("x4111…", "…1111.5").
//
//   DigitRun run;
//   if (ParseDigitRun(text, span, &run) && run.size == 16) { /* run.digits */ }
#ifndef VIGIL_VALIDATE_PII_DIGITS_H_
#define VIGIL_VALIDATE_PII_DIGITS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "validate/span_finder.h"

namespace vigil {

struct DigitGroup {
  uint8_t first_digit;  // index into DigitRun::digits
  uint8_t digits;       // how many
  size_t start;         // byte offsets in the text
  size_t end;
};

struct DigitRun {
  static constexpr size_t kMaxDigits = 40;
  static constexpr size_t kMaxGroups = 24;
  std::array<char, kMaxDigits> digits{};
  size_t size = 0;
  std::array<DigitGroup, kMaxGroups> groups{};
  size_t group_count = 0;
  char32_t separator = 0;          // the first separator, 0 when none
  bool uniform_separators = true;  // every separator is `separator`

  std::string_view view() const { return {digits.data(), size}; }
  std::string_view view(size_t first_group, size_t end_group) const;
};

// Space, '-', the Unicode dashes U+2010..U+2015 and the minus sign U+2212:
// what people put between digit groups.
bool IsDigitSeparator(char32_t c);

// Parses text[span] as ASCII digits in groups, one separator between two
// groups. False when anything else is inside, or when there are more than
// kMaxDigits digits or kMaxGroups groups.
bool ParseDigitRun(std::string_view text, Span span, DigitRun* run);

// True when the value ending at `pos` continues into the text after it: an
// ASCII letter or digit, '_', a letter of a script written with spaces
// between words (Latin, Cyrillic, Greek…), or '.' or a dash before a digit
// (a decimal, a version, a longer dashed number). A comma does not glue: the folded view turns the
// full-width comma between two Chinese phone numbers into ','.
// Letters of Han/Kana/Thai and of the Arabic script do not glue: in Chinese
// a number follows "卡号" directly, and the folded view drops the ZWNJ that
// separated Persian words from numbers.
bool IsGluedAfter(std::string_view text, size_t pos);

// The same for the text before a value starting at `pos`.
bool IsGluedBefore(std::string_view text, size_t pos);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_DIGITS_H_
