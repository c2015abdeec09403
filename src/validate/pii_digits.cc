#include "validate/pii_digits.h"

#include <unicode/uscript.h>

#include "common/text.h"
#include "common/utf8.h"

namespace vigil {
namespace {

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

bool IsGlueCodePoint(char32_t c) {
  if (c < 0x80) {
    return IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  if (!IsWordCodePoint(c) || IsSpacelessScriptCodePoint(c)) return false;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) != USCRIPT_ARABIC;
}

}  // namespace

std::string_view DigitRun::view(size_t first_group, size_t end_group) const {
  const size_t first = groups[first_group].first_digit;
  const DigitGroup& last = groups[end_group - 1];
  return {digits.data() + first, static_cast<size_t>(last.first_digit + last.digits - first)};
}

bool IsDigitSeparator(char32_t c) {
  return c == ' ' || c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

bool ParseDigitRun(std::string_view text, Span span, DigitRun* run) {
  *run = DigitRun();
  size_t pos = span.start;
  bool after_separator = true;  // no separator may lead
  while (pos < span.end) {
    size_t next;
    const char32_t c = DecodeUtf8At(text, pos, &next);
    if (IsAsciiDigit(c)) {
      if (run->size == DigitRun::kMaxDigits) return false;
      if (after_separator) {
        if (run->group_count == DigitRun::kMaxGroups) return false;
        run->groups[run->group_count++] = {static_cast<uint8_t>(run->size), 0, pos, pos};
      }
      DigitGroup& group = run->groups[run->group_count - 1];
      ++group.digits;
      group.end = next;
      run->digits[run->size++] = static_cast<char>(c);
      after_separator = false;
    } else if (IsDigitSeparator(c) && !after_separator) {
      if (run->separator == 0) {
        run->separator = c;
      } else if (c != run->separator) {
        run->uniform_separators = false;
      }
      after_separator = true;
    } else {
      return false;
    }
    pos = next;
  }
  return run->size > 0 && !after_separator;
}

// '.' and dashes join digits into one longer number ("1.2.3.4.5",
// "1-123-45-6789"); a space does not ("0912 345 6789, 0935 111 2222").
bool JoinsDigits(char32_t c) { return c == '.' || (c != ' ' && IsDigitSeparator(c)); }

bool IsGluedAfter(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  size_t next;
  const char32_t c = DecodeUtf8At(text, pos, &next);
  if (IsGlueCodePoint(c)) return true;
  return JoinsDigits(c) && next < text.size() && IsAsciiDigit(text[next]);
}

bool IsGluedBefore(std::string_view text, size_t pos) {
  if (pos == 0) return false;
  size_t start;
  const char32_t c = DecodeUtf8Before(text, pos, &start);
  if (IsGlueCodePoint(c)) return true;
  return JoinsDigits(c) && start > 0 && IsAsciiDigit(text[start - 1]);
}

}  // namespace vigil
