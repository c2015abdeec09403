#include "validate/pii_phone.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "validate/pii_digits.h"
#include "validate/pii_phone_metadata.h"

namespace vigil {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// '+' makes intent plain; grouping the way numbers are printed is nearly as
// good; a bare digit run is as likely an order number, so it needs a
// context word or the script of its country around it.
constexpr double kInternational = 0.85;
constexpr double kNationalGrouped = 0.7;
constexpr double kNationalBare = 0.45;
// A prefix of the candidate, the rest being another number or noise.
constexpr double kNarrowedFactor = 0.9;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// libphonenumber names regions by std::string; findings need stable C
// strings: one per supported region, built once.
const char* InternRegion(const std::string& region) {
  static const std::set<std::string>* const kRegions = [] {
    auto* regions = new std::set<std::string>();
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(regions);
    return regions;
  }();
  auto it = kRegions->find(region);
  return it == kRegions->end() ? nullptr : it->c_str();
}

// "2024-01-15 10": timestamps are not phone numbers.
bool LooksLikeDate(std::string_view s) {
  auto digit = [&](size_t i) { return i < s.size() && IsDigit(s[i]); };
  auto sep = [&](size_t i) { return i < s.size() && (s[i] == '-' || s[i] == '.' || s[i] == '/'); };
  if (digit(0) && digit(1) && digit(2) && digit(3) && sep(4) && digit(5) && digit(6) && sep(7) &&
      digit(8) && digit(9)) {
    return true;
  }
  return digit(0) && digit(1) && sep(2) && digit(3) && digit(4) && sep(5) && digit(6) &&
         digit(7) && digit(8) && digit(9);
}

struct Shape {
  int digits = 0;
  bool plus = false;
  bool dots = false;
  bool other_separators = false;
  bool all_same = true;
};

Shape Describe(std::string_view s) {
  Shape shape;
  char first = 0;
  for (char c : s) {
    if (IsDigit(c)) {
      if (!first) first = c;
      shape.all_same = shape.all_same && c == first;
      ++shape.digits;
    } else if (c == '+') {
      shape.plus = true;
    } else if (c == '.') {
      shape.dots = true;
    } else {
      shape.other_separators = true;
    }
  }
  return shape;
}

// The regions to try for a national number, script-preferred first.
size_t NationalOrder(const DetectorTables& tables, int script, const PhoneRegion** out,
                     size_t capacity) {
  size_t n = 0;
  for (const PhoneRegion& r : tables.phone_regions) {
    if (n < capacity && script >= 0 && r.script == script) out[n++] = &r;
  }
  for (const PhoneRegion& r : tables.phone_regions) {
    if (n < capacity && !(script >= 0 && r.script == script)) out[n++] = &r;
  }
  return n;
}

// Checks one candidate string; on success the region and base confidence.
std::optional<std::pair<const char*, double>> Check(std::string_view s,
                                                    const DetectorTables& tables, int script) {
  const Shape shape = Describe(s);
  if (shape.digits < 7 || shape.digits > 15 || shape.all_same || LooksLikeDate(s)) {
    return std::nullopt;
  }
  // Dotted digit groups without '+' are versions and IP addresses.
  if (shape.dots && !shape.plus && !shape.other_separators) return std::nullopt;
  const size_t first_digit = s.find_first_of("0123456789");
  if (shape.plus) {
    const char* region = ValidPhoneRegion(s, "ZZ");
    if (!region) return std::nullopt;
    return std::make_pair(region, kInternational);
  }
  if (s.substr(first_digit, 2) == "00") {
    // Read as '+' and the rest. The detector's candidates are at most 70
    // bytes (pattern in compile/detectors.cc), so the copy is on the stack.
    const std::string_view rest = s.substr(first_digit + 2);
    char international[80];
    if (rest.size() >= sizeof international) return std::nullopt;
    international[0] = '+';
    std::copy(rest.begin(), rest.end(), international + 1);
    const char* region = ValidPhoneRegion({international, rest.size() + 1}, "ZZ");
    if (!region) return std::nullopt;
    return std::make_pair(region, kInternational);
  }
  const bool grouped = shape.other_separators || shape.dots;
  bool printed_grouping = false;
  const PhoneRegion* order[32];
  const size_t count = NationalOrder(tables, script, order, 32);
  // The first region (in order) where the number is valid and grouped as
  // that country prints its numbers ("0912 345 6789", "(415) 555-0132");
  // else the first where it is valid at all. Grouping decides between
  // countries ("06 12 34 56 78" is French, although valid in Germany too)
  // and says how sure we are: a bank account's digit groups "6612 1945 82"
  // are no phone number however valid the digits.
  const bool trunk = s[first_digit] == '0';
  const char* first_valid = nullptr;
  for (size_t i = 0; i < count; ++i) {
    const PhoneRegion::Trunk rule = order[i]->trunk;
    if (rule == PhoneRegion::Trunk::kRequired && !trunk) continue;
    const bool mobile_only = rule == PhoneRegion::Trunk::kExceptMobile && !trunk;
    const char* region =
        ValidPhoneRegion(s, order[i]->region.c_str(), mobile_only, &printed_grouping);
    if (!region) continue;
    if (!grouped) return std::make_pair(region, kNationalBare);
    if (printed_grouping) return std::make_pair(region, kNationalGrouped);
    if (!first_valid) first_valid = region;
  }
  if (first_valid) return std::make_pair(first_valid, kNationalBare);
  return std::nullopt;
}

// The sizes of the digit runs of `s`, e.g. {3, 3, 4} for "(415) 555-0132".
std::vector<int> DigitGroups(std::string_view s) {
  std::vector<int> groups;
  int run = 0;
  for (char c : s) {
    if (IsDigit(c)) {
      ++run;
    } else if (run) {
      groups.push_back(run);
      run = 0;
    }
  }
  if (run) groups.push_back(run);
  return groups;
}

// libphonenumber itself, for what PhoneNumbering does not read: letters
// (extensions, keypad letters), other punctuation, other digits.
const char* LibphonenumberRegion(std::string_view number, const char* region, bool mobile_only,
                                 bool* printed_grouping) {
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  PhoneNumber parsed;
  if (util->Parse(std::string(number), region, &parsed) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return nullptr;
  }
  if (!util->IsValidNumber(parsed)) return nullptr;
  if (mobile_only) {
    const PhoneNumberUtil::PhoneNumberType type = util->GetNumberType(parsed);
    if (type != PhoneNumberUtil::MOBILE && type != PhoneNumberUtil::FIXED_LINE_OR_MOBILE) {
      return nullptr;
    }
  }
  if (printed_grouping) {
    std::string national;
    util->Format(parsed, PhoneNumberUtil::NATIONAL, &national);
    *printed_grouping = DigitGroups(national) == DigitGroups(number);
  }
  std::string found;
  util->GetRegionCodeForNumber(parsed, &found);
  return InternRegion(found);
}

}  // namespace

const char* ValidPhoneRegion(std::string_view number, const char* region, bool mobile_only,
                             bool* printed_grouping) {
  const char* found;
  const PhoneNumbering* numbering = PhoneNumbering::Default();
  if (numbering && numbering->Validate(number, region, mobile_only, &found, printed_grouping)) {
    return found;
  }
  return LibphonenumberRegion(number, region, mobile_only, printed_grouping);
}

std::optional<DetectorFinding> ConfirmPhone(std::string_view text, Span span,
                                            const DetectorTables& tables, int script) {
  // An unmatched '(' the candidate begins with is not part of the number.
  std::string_view s = text.substr(span.start, span.end - span.start);
  if (s.front() == '(' && s.find(')') == std::string_view::npos) {
    ++span.start;
    s.remove_prefix(1);
  }
  if (IsGluedBefore(text, span.start)) return std::nullopt;
  // The whole candidate, then shorter prefixes ending before a separator.
  size_t end = span.end;
  bool narrowed = false;
  while (end > span.start) {
    const std::string_view candidate = text.substr(span.start, end - span.start);
    if (!IsGluedAfter(text, end)) {
      if (auto found = Check(candidate, tables, script)) {
        return DetectorFinding{{span.start, end},
                               found->second * (narrowed ? kNarrowedFactor : 1.0),
                               found->first};
      }
    }
    // Back to the previous separator, then to the last digit before it;
    // only when what is cut off could be a number of its own (7+ digits):
    // a card number's first groups are not a phone number.
    size_t cut = candidate.find_last_of(" -");
    if (cut == std::string_view::npos || cut == 0) break;
    while (cut > 0 && !IsDigit(candidate[cut - 1])) --cut;
    if (cut == 0) break;
    const std::string_view tail = text.substr(span.start + cut, span.end - span.start - cut);
    if (std::count_if(tail.begin(), tail.end(), IsDigit) < 7) break;
    end = span.start + cut;
    narrowed = true;
  }
  return std::nullopt;
}

}  // namespace vigil
