// One region's numbering plan, compiled from libphonenumber's metadata (a
// PhoneMetadata): the steps of parsing, validating and formatting that
// depend on the region, with libphonenumber's semantics, RE2 for whether
// and where a pattern matches and DigitPattern for capture groups. Nothing
// allocates after construction (once RE2's automata are warm).
// PhoneNumbering (pii_phone_metadata.h) ties the regions together.
#ifndef VIGIL_VALIDATE_PII_PHONE_PLAN_H_
#define VIGIL_VALIDATE_PII_PHONE_PLAN_H_

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "validate/pii_phone_pattern.h"

namespace i18n::phonenumbers {
class PhoneMetadata;
}  // namespace i18n::phonenumbers

namespace re2 {
class RE2;
}  // namespace re2

namespace vigil {

// Digits of a number being parsed, in a fixed buffer: at most kMaxInput
// from the input, and what a national prefix transform makes of them.
class PhoneDigits {
 public:
  // PhoneNumbering declines longer numbers; detector candidates have at
  // most 24 digits.
  static constexpr size_t kMaxInput = 64;
  static constexpr size_t kCapacity = 160;

  PhoneDigits() = default;
  explicit PhoneDigits(std::string_view s) { Append(s); }
  // Never writes past kCapacity (PhonePlan::Compile checks that the
  // metadata's transforms fit; this keeps a surprise from overflowing).
  void Append(std::string_view s) {
    const size_t n = std::min(s.size(), kCapacity - size_);
    std::memcpy(data_ + size_, s.data(), n);
    size_ += n;
  }
  void Append(char c) {
    if (size_ < kCapacity) data_[size_++] = c;
  }
  std::string_view view() const { return {data_, size_}; }
  size_t size() const { return size_; }

 private:
  char data_[kCapacity];
  size_t size_ = 0;
};

// The lengths of the digit runs of a text, fed as it is produced, compared
// with those of another.
class DigitRuns {
 public:
  void Digits(size_t n) { current_ += n; }
  void Separator() {
    if (current_ > 0 && count_ < kMaxRuns) runs_[count_++] = current_;
    current_ = 0;
  }
  // Whether `text` has the same runs (call once, after the last piece).
  bool SameAs(std::string_view text);

 private:
  // A national format has at most 17 digits and a few literal ones.
  static constexpr size_t kMaxRuns = 32;
  size_t runs_[kMaxRuns];
  size_t count_ = 0;
  size_t current_ = 0;
};

enum class PhoneNumberKind {
  kUnknown,  // not a valid number of the region
  kFixedLine,
  kMobile,
  kFixedLineOrMobile,
  kOther,  // premium rate, toll free, shared cost, VoIP, personal, pager, UAN, voicemail
};

// libphonenumber's ValidationResult, for the region's general lengths.
enum class LengthCheck { kPossible, kPossibleLocalOnly, kTooShort, kTooLong, kInvalidLength };

class PhonePlan {
 public:
  // Fails naming the region and the pattern RE2 or DigitPattern cannot take.
  static absl::StatusOr<std::unique_ptr<PhonePlan>> Compile(
      const i18n::phonenumbers::PhoneMetadata& metadata);
  ~PhonePlan();

  const std::string& code() const { return code_; }  // "US", or "001": non-geographic
  int country_code() const { return country_code_; }
  std::string_view country_code_digits() const { return country_code_digits_; }

  // The length of the international prefix (US "011") that begins `digits`,
  // or -1.
  int InternationalPrefixLength(std::string_view digits) const;
  // For regions sharing a country code: whether the number is the region's
  // by its leading digits; nullopt when the region has none to say.
  std::optional<bool> HasLeadingDigits(std::string_view nsn) const;
  // The general pattern alone (libphonenumber's IsMatch).
  bool GeneralMatches(std::string_view number) const;
  // TestNumberLength for the region's general lengths.
  LengthCheck TestLength(std::string_view number) const;
  // GetNumberTypeHelper.
  PhoneNumberKind KindOf(std::string_view nsn) const;
  // MaybeStripNationalPrefixAndCarrierCode: the number without its trunk
  // prefix (and carrier code), or transformed where the region has a
  // transform rule; unchanged when the prefix does not match, or when
  // removing it turns a number the general pattern takes into one it does
  // not.
  PhoneDigits StripNationalPrefix(std::string_view number) const;
  // The digit runs of FormatNsn(nsn, NATIONAL).
  void NationalFormatRuns(std::string_view nsn, DigitRuns* runs) const;

  struct Piece;
  struct Desc;
  struct Format;

 private:
  PhonePlan();

  std::string code_;
  int country_code_ = 0;
  std::string country_code_digits_;
  std::unique_ptr<re2::RE2> international_prefix_;
  std::unique_ptr<re2::RE2> national_prefix_;  // for parsing; null: none
  // With a national prefix transform rule: the prefix's groups, and what
  // replaces the prefix.
  std::optional<DigitPattern> national_prefix_groups_;
  std::vector<Piece> transform_;
  std::unique_ptr<re2::RE2> leading_digits_;  // null: none
  bool same_mobile_and_fixed_line_ = false;
  std::unique_ptr<Desc> general_, premium_rate_, toll_free_, shared_cost_, voip_, personal_number_,
      pager_, uan_, voicemail_, fixed_line_, mobile_;
  std::vector<Format> formats_;
};

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_PHONE_PLAN_H_
