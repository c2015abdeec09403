#include "validate/pii_phone_metadata.h"

#include <phonenumbers/phonemetadata.pb.h>

#include <deque>
#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "common/strings.h"

// libphonenumber exports its compiled-in metadata, a serialized
// PhoneMetadataCollection, through these two functions of its (uninstalled)
// metadata.h. The exported LoadCompiledInMetadata is not it: that one,
// from shortnumberinfo.cc, reads the short-number metadata.
namespace i18n::phonenumbers {
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace vigil {
namespace {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;

// libphonenumber's limits (PhoneNumberUtil::kMinLengthForNsn and friends).
constexpr size_t kMinLengthForNsn = 2;
constexpr size_t kMaxLengthForNsn = 17;
constexpr size_t kMaxLengthCountryCode = 3;
constexpr int kCountryCodes = 1000;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Bytes of the separator that starts at s[i], or 0: ASCII " -./()", the
// dashes U+2010-U+2015 and the minus sign U+2212, all of which
// libphonenumber takes as punctuation.
size_t SeparatorLength(std::string_view s, size_t i) {
  switch (s[i]) {
    case ' ':
    case '-':
    case '.':
    case '/':
    case '(':
    case ')':
      return 1;
  }
  if (s.size() - i < 3 || s[i] != '\xE2') return 0;
  const unsigned char second = s[i + 1], third = s[i + 2];
  if (second == 0x80 && third >= 0x90 && third <= 0x95) return 3;
  if (second == 0x88 && third == 0x92) return 3;
  return 0;
}

}  // namespace

PhoneNumbering::PhoneNumbering() : by_country_code_(kCountryCodes) {}

absl::StatusOr<std::unique_ptr<const PhoneNumbering>> PhoneNumbering::Load() {
  PhoneMetadataCollection collection;
  if (!collection.ParseFromArray(i18n::phonenumbers::metadata_get(),
                                 i18n::phonenumbers::metadata_size())) {
    return absl::InternalError("libphonenumber's compiled-in metadata does not parse");
  }
  auto numbering = absl::WrapUnique(new PhoneNumbering);
  // As PhoneNumberUtil builds its maps: the first entry for a region code
  // (or for a non-geographic country code) counts; every entry adds its
  // region to its country code's list, a main country at the front.
  std::vector<std::deque<std::string>> codes(kCountryCodes);
  absl::flat_hash_map<int, const PhonePlan*> non_geographic;
  for (const PhoneMetadata& metadata : collection.metadata()) {
    if (metadata.id() == "ZZ") continue;
    if (metadata.country_code() <= 0 || metadata.country_code() >= kCountryCodes) {
      return absl::InternalError(absl::StrCat("phone metadata ", metadata.id(), ": country code ",
                                              metadata.country_code()));
    }
    absl::StatusOr<std::unique_ptr<PhonePlan>> plan = PhonePlan::Compile(metadata);
    if (!plan.ok()) return plan.status();
    if (metadata.id() == "001") {
      non_geographic.emplace(metadata.country_code(), plan->get());
    } else {
      numbering->by_code_.emplace(metadata.id(), plan->get());
    }
    numbering->plans_.push_back(*std::move(plan));
    std::deque<std::string>& list = codes[metadata.country_code()];
    if (metadata.main_country_for_code()) {
      list.push_front(metadata.id());
    } else {
      list.push_back(metadata.id());
    }
  }
  for (int country_code = 0; country_code < kCountryCodes; ++country_code) {
    for (const std::string& code : codes[country_code]) {
      numbering->by_country_code_[country_code].push_back(
          code == "001" ? non_geographic.at(country_code) : numbering->by_code_.at(code));
    }
  }
  return numbering;
}

const PhoneNumbering* PhoneNumbering::Default() {
  static const PhoneNumbering* const kDefault = [] {
    absl::StatusOr<std::unique_ptr<const PhoneNumbering>> loaded = Load();
    return loaded.ok() ? loaded->release() : nullptr;
  }();
  return kDefault;
}

bool PhoneNumbering::ExtractCountryCode(std::string_view digits, bool international,
                                        const PhonePlan* region, Parsed* out) const {
  std::string_view number = digits;
  if (!international && region) {
    const int idd = region->InternationalPrefixLength(number);
    // Country codes do not begin with 0: a 0 after it means no prefix.
    if (idd >= 0 && (static_cast<size_t>(idd) == number.size() || number[idd] != '0')) {
      number.remove_prefix(idd);
      international = true;
    }
  }
  if (international) {
    if (number.size() <= kMinLengthForNsn || number[0] == '0') return false;
    int country_code = 0;
    for (size_t length = 1; length <= kMaxLengthCountryCode; ++length) {
      country_code = country_code * 10 + (number[length - 1] - '0');
      if (!by_country_code_[country_code].empty()) {
        out->country_code = country_code;
        out->national = PhoneDigits(number.substr(length));
        return true;
      }
    }
    return false;
  }
  // The region's own country code without '+' counts when the rest is a
  // number its general pattern takes and the whole is not, or the whole is
  // too long.
  if (region &&
      number.substr(0, region->country_code_digits().size()) == region->country_code_digits()) {
    const PhoneDigits rest =
        region->StripNationalPrefix(number.substr(region->country_code_digits().size()));
    if ((!region->GeneralMatches(number) && region->GeneralMatches(rest.view())) ||
        region->TestLength(number) == LengthCheck::kTooLong) {
      out->country_code = region->country_code();
      out->national = rest;
      return true;
    }
  }
  out->country_code = 0;
  out->national = PhoneDigits(number);
  return true;
}

// ParseHelper from the extracted number on, for numbers without extensions
// (only letters and other punctuation can start one).
bool PhoneNumbering::Parse(std::string_view extracted, std::string_view region_code,
                           Parsed* out) const {
  const auto it = by_code_.find(ToAbsl(region_code));
  const PhonePlan* region = it == by_code_.end() ? nullptr : it->second;
  const bool plus = extracted[0] == '+';
  // Without a known region only an international number can be read.
  if (!region && !plus) return false;
  PhoneDigits digits;
  for (char c : extracted) {
    if (IsDigit(c)) digits.Append(c);
  }
  if (!ExtractCountryCode(digits.view(), plus, region, out)) {
    // An unknown country code after '+' ("+0044…"; a viable '+' number has
    // the digits for one): libphonenumber drops the '+' and reads the rest
    // as dialled from the region, where it must still yield a country code.
    if (!plus || !ExtractCountryCode(digits.view(), false, region, out) || out->country_code == 0) {
      return false;
    }
  }

  const PhonePlan* plan = region;
  if (out->country_code != 0) {
    const PhonePlan* main = MainRegion(out->country_code);
    if (main->code() != region_code) plan = main;
  } else {
    out->country_code = region->country_code();
  }
  if (out->national.size() < kMinLengthForNsn) return false;
  if (plan) {
    // The trunk prefix goes only if what remains has a possible length:
    // otherwise the digits may be a short number that starts like it.
    const PhoneDigits stripped = plan->StripNationalPrefix(out->national.view());
    const LengthCheck check = plan->TestLength(stripped.view());
    if (check == LengthCheck::kPossible || check == LengthCheck::kTooLong) out->national = stripped;
  }
  return out->national.size() >= kMinLengthForNsn && out->national.size() <= kMaxLengthForNsn;
}

const PhonePlan* PhoneNumbering::RegionForNumber(const Parsed& parsed) const {
  const std::vector<const PhonePlan*>& regions = by_country_code_[parsed.country_code];
  if (regions.size() == 1) return regions[0];
  // The first region whose leading digits begin the number or, for regions
  // without leading digits, whose patterns take it.
  const std::string_view nsn = parsed.national.view();
  for (const PhonePlan* region : regions) {
    if (const std::optional<bool> ours = region->HasLeadingDigits(nsn)) {
      if (*ours) return region;
    } else if (region->KindOf(nsn) != PhoneNumberKind::kUnknown) {
      return region;
    }
  }
  return nullptr;
}

bool PhoneNumbering::Validate(std::string_view number, std::string_view region, bool mobile_only,
                              const char** found, bool* printed_grouping) const {
  // ExtractPossibleNumber: from the first '+' or digit to the last digit
  // (trailing punctuation goes).
  size_t first = std::string_view::npos, end = 0, digits = 0;
  for (size_t i = 0; i < number.size();) {
    const char c = number[i];
    if (IsDigit(c) || c == '+') {
      if (first == std::string_view::npos) first = i;
      if (IsDigit(c)) {
        end = i + 1;
        ++digits;
      }
      ++i;
      continue;
    }
    const size_t separator = SeparatorLength(number, i);
    if (separator == 0) return false;
    i += separator;
  }
  if (digits > PhoneDigits::kMaxInput) return false;
  *found = nullptr;
  if (first == std::string_view::npos || end <= first) return true;
  const std::string_view extracted = number.substr(first, end - first);

  // IsViablePhoneNumber: two digits, or '+'s and then at least three digits
  // among punctuation (and no further '+').
  const size_t pluses = extracted.find_first_not_of('+');
  const bool two_digits = extracted.size() == 2 && pluses == 0 && digits == 2;
  if (!two_digits && (digits < 3 || extracted.find('+', pluses) != std::string_view::npos)) {
    return true;
  }

  Parsed parsed;
  if (!Parse(extracted, region, &parsed)) return true;
  const PhonePlan* owner = RegionForNumber(parsed);
  if (!owner) return true;
  const PhoneNumberKind kind = owner->KindOf(parsed.national.view());
  if (kind == PhoneNumberKind::kUnknown) return true;
  if (mobile_only && kind != PhoneNumberKind::kMobile &&
      kind != PhoneNumberKind::kFixedLineOrMobile) {
    return true;
  }
  if (printed_grouping) {
    // Format(NATIONAL) takes its formats from the country code's main
    // region (US for all of +1).
    DigitRuns runs;
    MainRegion(parsed.country_code)->NationalFormatRuns(parsed.national.view(), &runs);
    *printed_grouping = runs.SameAs(number);
  }
  // Non-geographic numbers (+800 …) have no region to report.
  if (owner->code() != "001") *found = owner->code().c_str();
  return true;
}

}  // namespace vigil
