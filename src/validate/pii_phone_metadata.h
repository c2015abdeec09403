// libphonenumber's numbering plans, compiled once for validating phone
// numbers on the hot path.
//
// libphonenumber takes 15-70 µs and ~430 allocations to validate a number:
// it builds an ICU RegexMatcher for every match. PhoneNumbering reads the
// same metadata (the library's compiled-in PhoneMetadataCollection) once,
// compiles each region's patterns (PhonePlan, pii_phone_plan.h), and then
// repeats libphonenumber's steps — Parse (international prefix, country
// code, national prefix and its transforms), IsValidNumber with
// GetRegionCodeForNumber, GetNumberType and Format(NATIONAL) — without
// allocating after warm-up.
//
// It reads numbers written with ASCII digits, '+' and the separators
// " -./()", U+2010-U+2015 and U+2212: everything the phone detector's
// candidates contain. For any other character (letters, which
// libphonenumber reads as extensions or keypad digits, other punctuation,
// other digits) it declines and the caller asks libphonenumber.
// tests/validate/pii_phone_metadata_test.cc compares the two.
//
//   const PhoneNumbering* numbering = PhoneNumbering::Default();
//   const char* region;
//   if (numbering && numbering->Validate("(415) 555-0132", "US", false, &region, nullptr)) {
//     // region is "US"
//   }
#ifndef VIGIL_VALIDATE_PII_PHONE_METADATA_H_
#define VIGIL_VALIDATE_PII_PHONE_METADATA_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "validate/pii_phone_plan.h"

namespace vigil {

// Immutable once loaded; every method is thread-safe.
class PhoneNumbering {
 public:
  // Compiles libphonenumber's compiled-in metadata (~50 ms, ~10 MB); fails
  // naming the region and pattern that cannot be compiled.
  static absl::StatusOr<std::unique_ptr<const PhoneNumbering>> Load();

  // Loaded on first use and kept for the process; null if Load() failed.
  static const PhoneNumbering* Default();

  // Returns false, writing nothing, when `number` holds a character outside
  // the set above (or more than 64 digits). Otherwise sets *found to what
  // ValidPhoneRegion answers (pii_phone.h: the region `number` is valid in,
  // parsed as national for `region`; null when invalid, when `mobile_only`
  // and not a mobile number, or for a non-geographic number such as +800)
  // and, when *found is not null, *printed_grouping (if asked for) to
  // whether `number`'s digit groups are those of the number's national
  // format. Allocates nothing once RE2's automata have seen similar numbers.
  bool Validate(std::string_view number, std::string_view region, bool mobile_only,
                const char** found, bool* printed_grouping) const;

 private:
  struct Parsed {
    int country_code = 0;
    PhoneDigits national;  // the national significant number
  };

  PhoneNumbering();
  bool Parse(std::string_view extracted, std::string_view region_code, Parsed* out) const;
  // MaybeExtractCountryCode, from `digits` (the number's digits) for
  // `region` (may be null); false on a parsing error.
  bool ExtractCountryCode(std::string_view digits, bool international, const PhonePlan* region,
                          Parsed* out) const;
  // GetRegionCodeForNumber.
  const PhonePlan* RegionForNumber(const Parsed& parsed) const;
  // The plan of a country code's main region (or non-geographic entity),
  // whose formats serve the whole country code.
  const PhonePlan* MainRegion(int country_code) const {
    return by_country_code_[country_code].front();
  }

  std::vector<std::unique_ptr<PhonePlan>> plans_;
  // Geographic regions by code ("US"); +800 and the like are only in
  // by_country_code_, as "001".
  absl::flat_hash_map<std::string, const PhonePlan*> by_code_;
  // By country code, the main region first, as GetRegionCodeForNumber tries
  // them.
  std::vector<std::vector<const PhonePlan*>> by_country_code_;
};

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_PHONE_METADATA_H_
