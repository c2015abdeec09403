#include "validate/pii_iban.h"

#include <array>

#include "validate/pii_digits.h"

namespace vigil {
namespace {

constexpr double kIbanConfidence = 0.95;
// Lower case loses one cue: the capitals that set an IBAN apart from a word.
constexpr double kLowerCaseConfidence = 0.8;

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// Subtypes are the country codes: static strings, one per pair.
const char* CountrySubtype(char a, char b) {
  static const auto* const kNames = [] {
    auto* names = new std::array<char[3], 26 * 26>();
    for (int i = 0; i < 26 * 26; ++i) {
      (*names)[i][0] = static_cast<char>('A' + i / 26);
      (*names)[i][1] = static_cast<char>('A' + i % 26);
      (*names)[i][2] = '\0';
    }
    return names;
  }();
  return (*kNames)[(a - 'A') * 26 + (b - 'A')];
}

}  // namespace

bool IbanChecksumValid(std::string_view iban) {
  if (iban.size() < 5) return false;
  int remainder = 0;
  auto feed = [&](char c) {
    if (IsDigit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      const int value = c - 'A' + 10;
      remainder = (remainder * 100 + value) % 97;
    }
  };
  for (size_t i = 4; i < iban.size(); ++i) feed(iban[i]);
  for (size_t i = 0; i < 4; ++i) feed(iban[i]);
  return remainder == 1;
}

std::optional<DetectorFinding> ConfirmIban(std::string_view text, Span span,
                                           const DetectorTables& tables) {
  if (span.end - span.start < 4) return std::nullopt;
  // Written in capitals, as banks print them; or all in lower case (typed
  // so, or full-width capitals the folded view case-folded).
  const bool lower = IsLower(text[span.start]) && IsLower(text[span.start + 1]);
  auto upper = [](char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; };
  const char a = upper(text[span.start]), b = upper(text[span.start + 1]);
  if (!IsUpper(a) || !IsUpper(b) || (!lower && !IsUpper(text[span.start]))) return std::nullopt;
  const int length = tables.iban_length(a, b);
  if (length == 0 || IsGluedBefore(text, span.start)) return std::nullopt;
  std::array<char, 40> compact;
  size_t size = 0;
  size_t end = span.start;
  for (size_t pos = span.start; pos < span.end; ++pos) {
    const char c = text[pos];
    if (c == ' ' || c == '-') {
      // Only at a group boundary may the IBAN end.
      if (static_cast<int>(size) == length) break;
      continue;
    }
    // A letter of the other case: the candidate has run on into a word.
    if (!IsDigit(c) && !(lower ? IsLower(c) : IsUpper(c))) {
      if (!IsUpper(c) && !IsLower(c)) return std::nullopt;
      break;
    }
    if (static_cast<int>(size) == length) return std::nullopt;  // glued: too long
    compact[size++] = upper(c);
    end = pos + 1;
  }
  if (static_cast<int>(size) != length || IsGluedAfter(text, end)) return std::nullopt;
  const std::string_view iban(compact.data(), size);
  if (!IsDigit(iban[2]) || !IsDigit(iban[3]) || !IbanChecksumValid(iban)) return std::nullopt;
  return DetectorFinding{{span.start, end}, lower ? kLowerCaseConfidence : kIbanConfidence,
                         CountrySubtype(a, b)};
}

}  // namespace vigil
