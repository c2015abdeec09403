#include "validate/pii_national_id.h"

#include <array>
#include <chrono>

#include "validate/pii_digits.h"

namespace vigil {
namespace {

// A dashed SSN is what the form asks for; a bare nine-digit number is as
// likely a zip+4, a routing number or an id, so it needs a context word.
constexpr double kSsnDashed = 0.7;
constexpr double kSsnSpaced = 0.6;
constexpr double kSsnBare = 0.35;
// Region, date and check character leave little to chance.
constexpr double kCnIdConfidence = 0.95;
// One in eleven random ten-digit numbers passes the check.
constexpr double kIrIdGrouped = 0.7;
constexpr double kIrIdBare = 0.55;

int Digit(char c) { return c - '0'; }

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && IsLeapYear(y) ? 1 : 0);
}

int Number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + Digit(c);
  return n;
}

}  // namespace

bool UsSsnValid(std::string_view d) {
  if (d.size() != 9 || !AllDigits(d)) return false;
  const int area = Number(d.substr(0, 3));
  const int group = Number(d.substr(3, 2));
  const int serial = Number(d.substr(5, 4));
  if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) return false;
  // Printed on a sample card sold in wallets (1938) and shown in an
  // advertisement: used by thousands, issued to nobody now.
  return d != "078051120" && d != "219099999";
}

bool CnResidentIdValid(std::string_view id, const DetectorTables& tables, int today) {
  if (id.size() != 18 || !AllDigits(id.substr(0, 17))) return false;
  const char check = id[17];
  if (!((check >= '0' && check <= '9') || check == 'X' || check == 'x')) return false;
  if (!tables.cn_provinces[Number(id.substr(0, 2))]) return false;
  const int year = Number(id.substr(6, 4));
  const int month = Number(id.substr(10, 2));
  const int day = Number(id.substr(12, 2));
  if (year < 1900 || !ValidDate(year, month, day) || Number(id.substr(6, 8)) > today) {
    return false;
  }
  // ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11.
  int sum = 0, weight = 1;
  for (int i = 16; i >= 0; --i) {
    weight = weight * 2 % 11;
    sum += Digit(id[i]) * weight;
  }
  const int value = (12 - sum % 11) % 11;
  return value == 10 ? (check == 'X' || check == 'x') : check == '0' + value;
}

bool IrNationalIdValid(std::string_view d) {
  if (d.size() != 10 || !AllDigits(d)) return false;
  if (d.find_first_not_of(d[0]) == std::string_view::npos) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += Digit(d[i]) * (10 - i);
  const int r = sum % 11;
  return Digit(d[9]) == (r < 2 ? r : 11 - r);
}

bool NhsNumberValid(std::string_view d) {
  if (d.size() != 10 || !AllDigits(d)) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += Digit(d[i]) * (10 - i);
  const int check = 11 - sum % 11;
  if (check == 10) return false;
  return Digit(d[9]) == (check == 11 ? 0 : check);
}

int TodayYmd() {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{days};
  return static_cast<int>(ymd.year()) * 10000 + static_cast<int>(unsigned(ymd.month())) * 100 +
         static_cast<int>(unsigned(ymd.day()));
}

std::optional<DetectorFinding> ConfirmUsSsn(std::string_view text, Span span) {
  DigitRun run;
  if (!ParseDigitRun(text, span, &run) || !run.uniform_separators) return std::nullopt;
  if (IsGluedBefore(text, span.start) || IsGluedAfter(text, span.end)) return std::nullopt;
  double confidence;
  if (run.group_count == 1) {
    confidence = kSsnBare;
  } else if (run.group_count == 3 && run.groups[0].digits == 3 && run.groups[1].digits == 2 &&
             run.groups[2].digits == 4) {
    confidence = run.separator == ' ' ? kSsnSpaced : kSsnDashed;
  } else {
    return std::nullopt;
  }
  if (!UsSsnValid(run.view())) return std::nullopt;
  return DetectorFinding{span, confidence, ""};
}

std::optional<DetectorFinding> ConfirmCnResidentId(std::string_view text, Span span,
                                                   const DetectorTables& tables) {
  if (IsGluedBefore(text, span.start) || IsGluedAfter(text, span.end)) return std::nullopt;
  std::array<char, 18> id;
  size_t size = 0;
  for (size_t pos = span.start; pos < span.end; ++pos) {
    if (text[pos] == ' ') continue;
    if (size == id.size()) return std::nullopt;
    id[size++] = text[pos];
  }
  if (size != id.size() || !CnResidentIdValid({id.data(), size}, tables, TodayYmd())) {
    return std::nullopt;
  }
  return DetectorFinding{span, kCnIdConfidence, ""};
}

std::optional<DetectorFinding> ConfirmIrNationalId(std::string_view text, Span span) {
  DigitRun run;
  if (!ParseDigitRun(text, span, &run) || !run.uniform_separators) return std::nullopt;
  if (IsGluedBefore(text, span.start) || IsGluedAfter(text, span.end)) return std::nullopt;
  double confidence;
  if (run.group_count == 1) {
    confidence = kIrIdBare;
  } else if (run.group_count == 3 && run.groups[0].digits == 3 && run.groups[1].digits == 6) {
    confidence = kIrIdGrouped;
  } else {
    return std::nullopt;
  }
  if (!IrNationalIdValid(run.view())) return std::nullopt;
  return DetectorFinding{span, confidence, ""};
}

}  // namespace vigil
