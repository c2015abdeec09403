#include "validate/pii_card.h"

#include "validate/pii_digits.h"

namespace vigil {
namespace {

constexpr double kWholeConfidence = 0.9;
constexpr double kNarrowedConfidence = 0.75;

bool GroupingFits(const CardIssuer& issuer, const DigitRun& run, size_t first, size_t end) {
  const size_t count = end - first;
  if (count == 1) return true;  // written without separators
  if (issuer.groups_of_four) {
    bool fits = true;
    for (size_t g = first; g < end && fits; ++g) {
      const int digits = run.groups[g].digits;
      fits = g + 1 < end ? digits == 4 : digits >= 1 && digits <= 4;
    }
    if (fits) return true;
  }
  for (const std::vector<int>& grouping : issuer.groupings) {
    if (grouping.size() != count) continue;
    bool fits = true;
    for (size_t i = 0; i < count && fits; ++i) fits = run.groups[first + i].digits == grouping[i];
    if (fits) return true;
  }
  return false;
}

}  // namespace

bool LuhnValid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return !digits.empty() && sum % 10 == 0;
}

const CardIssuer* FindCardIssuer(const std::vector<CardIssuer>& issuers,
                                 std::string_view digits) {
  const CardIssuer* best = nullptr;
  size_t best_width = 0;
  const int length = static_cast<int>(digits.size());
  for (const CardIssuer& issuer : issuers) {
    bool length_ok = false;
    for (const auto& [low, high] : issuer.lengths) length_ok = length_ok || (length >= low && length <= high);
    if (!length_ok) continue;
    for (const CardIssuer::PrefixRange& range : issuer.prefixes) {
      const size_t width = range.low.size();
      if (width <= best_width || width > digits.size()) continue;
      const std::string_view prefix = digits.substr(0, width);
      if (prefix >= range.low && prefix <= range.high) {
        best = &issuer;
        best_width = width;
      }
    }
  }
  return best;
}

std::optional<DetectorFinding> ConfirmCreditCard(std::string_view text, Span span,
                                                 const DetectorTables& tables) {
  DigitRun run;
  if (!ParseDigitRun(text, span, &run)) return std::nullopt;
  const size_t n = run.group_count;
  // (first group, end group): the whole candidate first.
  struct Window {
    size_t first, end;
  };
  Window windows[5] = {{0, n}};
  size_t window_count = 1;
  if (n > 1) {
    windows[window_count++] = {0, n - 1};
    if (n > 2) windows[window_count++] = {0, n - 2};
    windows[window_count++] = {1, n};
    if (n > 2) windows[window_count++] = {1, n - 1};
  }
  for (size_t w = 0; w < window_count; ++w) {
    const auto [first, end] = windows[w];
    const size_t start_byte = run.groups[first].start;
    const size_t end_byte = run.groups[end - 1].end;
    // A narrowed edge borders a separator and more digits, which is the
    // point; an edge of the candidate must not be glued to anything.
    if (first == 0 && IsGluedBefore(text, start_byte)) continue;
    if (end == n && IsGluedAfter(text, end_byte)) continue;
    const std::string_view digits = run.view(first, end);
    if (digits.size() < 12 || digits.size() > 19) continue;
    if (!LuhnValid(digits)) continue;
    const CardIssuer* issuer = FindCardIssuer(tables.card_issuers, digits);
    if (!issuer || !GroupingFits(*issuer, run, first, end)) continue;
    return DetectorFinding{{start_byte, end_byte},
                           w == 0 ? kWholeConfidence : kNarrowedConfidence,
                           issuer->name.c_str()};
  }
  return std::nullopt;
}

}  // namespace vigil
