// PhoneNumbering against libphonenumber itself: on a large deterministic
// sample of numbers, the same region (or none), the same mobile_only answer
// and the same printed grouping. The numbers are built from every region's
// example numbers (each type), their mutations (a digit changed, one
// dropped or added, the trunk prefix added), written the ways people write
// them — international, national with the trunk prefix, in the country's
// own grouping ("(415) 555-0132", "06 12 34 56 78"), in other groupings and
// separators, after an international prefix — and random digit strings.
#include "validate/pii_phone_metadata.h"

#include <gtest/gtest.h>
#include <phonenumbers/phonenumberutil.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "pii_test_util.h"
#include "validate/pii_phone.h"

namespace vigil::testing {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

const PhoneNumberUtil& Util() { return *PhoneNumberUtil::GetInstance(); }

std::vector<int> DigitGroups(std::string_view s) {
  std::vector<int> groups;
  int run = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      ++run;
    } else if (run) {
      groups.push_back(run);
      run = 0;
    }
  }
  if (run) groups.push_back(run);
  return groups;
}

// What ValidPhoneRegion answered when it called libphonenumber for every
// number: the region ("" when invalid or non-geographic), whether the
// number is a mobile one, whether its groups are the national format's.
struct Expected {
  std::string region;
  bool mobile = false;
  bool printed_grouping = false;
};

Expected Libphonenumber(const std::string& number, const std::string& region) {
  Expected expected;
  PhoneNumber parsed;
  if (Util().Parse(number, region, &parsed) != PhoneNumberUtil::NO_PARSING_ERROR ||
      !Util().IsValidNumber(parsed)) {
    return expected;
  }
  const PhoneNumberUtil::PhoneNumberType type = Util().GetNumberType(parsed);
  expected.mobile =
      type == PhoneNumberUtil::MOBILE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
  std::string national;
  Util().Format(parsed, PhoneNumberUtil::NATIONAL, &national);
  expected.printed_grouping = DigitGroups(national) == DigitGroups(number);
  Util().GetRegionCodeForNumber(parsed, &expected.region);
  if (expected.region == "001") expected.region.clear();
  return expected;
}

// Runs both on each number, mobile_only false and true, and counts.
class Differential {
 public:
  void Check(const std::string& number, const std::string& region) {
    if (!seen_.insert(region + '|' + number).second) return;
    const Expected expected = Libphonenumber(number, region);
    for (bool mobile_only : {false, true}) {
      ++cases_;
      const std::string want = !mobile_only || expected.mobile ? expected.region : std::string();
      const char* found = nullptr;
      bool printed = false;
      const bool read =
          PhoneNumbering::Default()->Validate(number, region, mobile_only, &found, &printed);
      const std::string got = found ? found : "";
      if (read && got == want && (!found || printed == expected.printed_grouping)) continue;
      if (++disagreements_ <= 20) {
        ADD_FAILURE() << "\"" << number << "\" for " << region << (mobile_only ? " (mobile)" : "")
                      << ": libphonenumber " << (want.empty() ? "-" : want) << " grouping "
                      << expected.printed_grouping << "; PhoneNumbering "
                      << (read ? (got.empty() ? "-" : got) : "declined") << " grouping " << printed;
      }
    }
  }

  ~Differential() {
    printf("%zu cases, %zu disagreements\n", cases_, disagreements_);
    EXPECT_EQ(disagreements_, 0u);
    EXPECT_GT(cases_, 10000u);
  }

 private:
  std::set<std::string> seen_;
  size_t cases_ = 0;
  size_t disagreements_ = 0;
};

struct Example {
  int country_code;
  std::string region;  // "001" for a non-geographic entity
  std::string national;
};

// Every example number libphonenumber has: each type of each region, and
// one per non-geographic country code.
const std::vector<Example>& Examples() {
  static const std::vector<Example>* examples = [] {
    auto* out = new std::vector<Example>();
    auto add = [&](const PhoneNumber& number, const std::string& region) {
      std::string national;
      Util().GetNationalSignificantNumber(number, &national);
      out->push_back({number.country_code(), region, national});
    };
    std::set<std::string> regions;
    Util().GetSupportedRegions(&regions);
    for (const std::string& region : regions) {
      for (int type = 0; type <= PhoneNumberUtil::VOICEMAIL; ++type) {
        PhoneNumber number;
        if (type != PhoneNumberUtil::FIXED_LINE_OR_MOBILE &&
            Util().GetExampleNumberForType(
                region, static_cast<PhoneNumberUtil::PhoneNumberType>(type), &number)) {
          add(number, region);
        }
      }
    }
    std::set<int> codes;
    Util().GetSupportedGlobalNetworkCallingCodes(&codes);
    for (int code : codes) {
      PhoneNumber number;
      if (Util().GetExampleNumberForNonGeoEntity(code, &number)) add(number, "001");
    }
    return out;
  }();
  return *examples;
}

// The example, then (`digit_changes`) each digit changed two ways, the
// last or first digit dropped, a digit added.
std::vector<std::string> Mutations(const std::string& digits, bool digit_changes = true) {
  std::vector<std::string> out = {digits};
  for (size_t i = 0; digit_changes && i < digits.size(); ++i) {
    for (int delta : {1, 5}) {
      std::string changed = digits;
      changed[i] = static_cast<char>('0' + (changed[i] - '0' + delta) % 10);
      out.push_back(changed);
    }
  }
  if (digits.size() > 1) {
    out.push_back(digits.substr(0, digits.size() - 1));
    out.push_back(digits.substr(1));
  }
  out.push_back(digits + "0");
  out.push_back(digits + "7");
  return out;
}

// `digits` in groups of the given sizes (the last takes the rest).
std::string Grouped(const std::string& digits, std::initializer_list<size_t> sizes,
                    const std::string& separator) {
  std::string out;
  size_t at = 0;
  for (size_t size : sizes) {
    if (at >= digits.size()) break;
    if (at) out += separator;
    out += digits.substr(at, size);
    at += size;
  }
  if (at < digits.size()) out += (at ? separator : "") + digits.substr(at);
  return out;
}

// How people write a national number: bare, in the country's own format
// (libphonenumber's NATIONAL, trunk prefix included), with the trunk
// prefix, and in other groupings and separators.
std::vector<std::string> NationalForms(int country_code, const std::string& region,
                                       const std::string& digits) {
  std::vector<std::string> forms = {digits};
  PhoneNumber number;
  number.set_country_code(country_code);
  number.set_national_number(std::stoull(digits));
  if (digits.size() > 1 && digits[0] == '0') {
    number.set_italian_leading_zero(true);
    number.set_number_of_leading_zeros(
        static_cast<int>(std::min(digits.find_first_not_of('0'), digits.size() - 1)));
  }
  std::string national;
  Util().Format(number, PhoneNumberUtil::NATIONAL, &national);
  forms.push_back(national);
  std::string prefix;
  Util().GetNddPrefixForRegion(region, true, &prefix);
  if (!prefix.empty()) forms.push_back(prefix + digits);
  forms.push_back(Grouped(digits, {3, 3}, " "));
  forms.push_back(Grouped(digits, {4, 3}, "-"));
  forms.push_back("(" + Grouped(digits, {3}, ") "));
  forms.push_back(Grouped(prefix + digits, {2, 2, 2, 2}, " "));
  forms.push_back(Grouped(prefix + digits, {4, 3}, "."));
  forms.push_back(Grouped(prefix + digits, {3, 4}, "\xE2\x80\x90"));
  return forms;
}

// International forms: '+' and the country code, bare or in libphonenumber's
// INTERNATIONAL format.
std::vector<std::string> InternationalForms(int country_code, const std::string& digits) {
  const std::string plain = "+" + std::to_string(country_code) + digits;
  std::vector<std::string> forms = {plain};
  PhoneNumber number;
  if (Util().Parse(plain, "ZZ", &number) == PhoneNumberUtil::NO_PARSING_ERROR) {
    std::string international;
    Util().Format(number, PhoneNumberUtil::INTERNATIONAL, &international);
    forms.push_back(international);
  }
  return forms;
}

std::vector<std::string> TableRegions() {
  std::vector<std::string> regions;
  for (const PhoneRegion& r : Tables().phone_regions) regions.push_back(r.region);
  return regions;
}

TEST(PhoneNumbering, Loads) {
  absl::StatusOr<std::unique_ptr<const PhoneNumbering>> numbering = PhoneNumbering::Load();
  ASSERT_TRUE(numbering.ok()) << numbering.status();
  ASSERT_NE(PhoneNumbering::Default(), nullptr);
}

// The regions of phone_regions.tsv, as ConfirmPhone tries them: every form
// of their own numbers in each of them, and the numbers of every country
// code dialled from each (its international prefix, or "+00…").
TEST(PhoneNumbering, AgreesWithLibphonenumberOnTableRegions) {
  Differential differential;
  const std::vector<std::string> table = TableRegions();
  for (const Example& example : Examples()) {
    const std::string code = std::to_string(example.country_code);
    if (std::find(table.begin(), table.end(), example.region) != table.end()) {
      for (const std::string& digits : Mutations(example.national)) {
        std::vector<std::string> forms =
            NationalForms(example.country_code, example.region, digits);
        forms.push_back(code + " " + digits);
        for (const std::string& form : forms) {
          for (const std::string& region : table) differential.Check(form, region);
        }
      }
    }
    for (const std::string& digits : Mutations(example.national, /*digit_changes=*/false)) {
      for (const std::string& region : table) {
        const std::string idd = region == "US" ? "011 " : "00";
        differential.Check(idd + code + " " + digits, region);
      }
    }
    for (const std::string& region : table) {
      differential.Check("+00" + code + example.national, region);
    }
  }
}

// '+' numbers of every country code, read without a region as ConfirmPhone
// reads them.
TEST(PhoneNumbering, AgreesWithLibphonenumberOnInternationalNumbers) {
  Differential differential;
  for (const Example& example : Examples()) {
    for (const std::string& digits : Mutations(example.national)) {
      for (const std::string& form : InternationalForms(example.country_code, digits)) {
        differential.Check(form, "ZZ");
      }
    }
  }
}

// National numbers of every other region in that region: trunk prefixes,
// carrier codes and prefix transforms (Argentina, Brazil, the NANP islands
// dialled with seven digits) that the table's regions do not have.
TEST(PhoneNumbering, AgreesWithLibphonenumberOnEveryRegionsNationalNumbers) {
  Differential differential;
  for (const Example& example : Examples()) {
    if (example.region == "001") continue;
    for (const std::string& digits : Mutations(example.national)) {
      // Bare, in the national format, and with the trunk prefix (or, in
      // regions without one, in groups of three).
      const std::vector<std::string> forms =
          NationalForms(example.country_code, example.region, digits);
      for (size_t i = 0; i < std::min<size_t>(forms.size(), 3); ++i) {
        differential.Check(forms[i], example.region);
      }
    }
  }
}

// Random digit strings of 7 to 15 digits, bare, after '+', 0 or 00, with
// separators here and there.
TEST(PhoneNumbering, AgreesWithLibphonenumberOnRandomDigits) {
  Differential differential;
  const std::vector<std::string> table = TableRegions();
  uint64_t state = 0x9e3779b97f4a7c15;
  auto next = [&](uint64_t n) {  // splitmix64: the same sequence everywhere
    state += 0x9e3779b97f4a7c15;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return (z ^ (z >> 31)) % n;
  };
  const char* const kSeparators[] = {" ", "-", ".", "(", ") ", "\xE2\x80\x93", "\xE2\x88\x92"};
  for (int i = 0; i < 2500; ++i) {
    const size_t length = 7 + next(9);
    std::string digits, separated;
    for (size_t j = 0; j < length; ++j) {
      digits.push_back(static_cast<char>('0' + next(10)));
      separated.push_back(digits.back());
      if (j + 1 < length && next(4) == 0) separated += kSeparators[next(std::size(kSeparators))];
    }
    for (const std::string& form : {digits, separated, "0" + digits}) {
      for (const std::string& region : table) differential.Check(form, region);
    }
    for (const std::string& form : {"+" + digits, "+" + separated, "00" + digits}) {
      differential.Check(form, "ZZ");
      differential.Check(form, table[next(table.size())]);
    }
  }
}

// Short and odd inputs, and regions that are not regions ("001", "XX").
TEST(PhoneNumbering, AgreesWithLibphonenumberOnOddInputs) {
  Differential differential;
  std::vector<std::string> inputs = {"",
                                     "+",
                                     "++",
                                     "+ -",
                                     "()",
                                     "12",
                                     "+12",
                                     "00",
                                     "011",
                                     "++44 20 7946 0958",
                                     "+ 44 20 7946 0958",
                                     "+44+20 7946 0958",
                                     "44 20 7946 0958+",
                                     "(0)20 7946 0958",
                                     "+44 (0) 20 7946 0958",
                                     "0044 (0)20 7946 0958",
                                     "(+44)2079460958",
                                     "+39 06 1234 5678",
                                     "06 1234 5678",
                                     "8 (495) 123-45-67",
                                     "/415/555/0132/",
                                     "415.555.0132.",
                                     "---415---"};
  for (int i = 0; i < 1000; ++i) {
    const std::string digits = std::to_string(i);
    for (const char* prefix : {"", "0", "+", "00"}) inputs.push_back(prefix + digits);
  }
  for (const std::string& input : inputs) {
    for (const char* region : {"ZZ", "US", "GB", "DE", "IR", "BR", "IT", "001", "XX"}) {
      differential.Check(input, region);
    }
  }
}

// Letters, other punctuation and other digits are libphonenumber's to read:
// PhoneNumbering declines them, and ValidPhoneRegion asks libphonenumber.
TEST(PhoneNumbering, DeclinesWhatItDoesNotRead) {
  for (const char* number :
       {"415-555-0132 ext. 5", "+1 415 555 0132 x12",
        "\xEF\xBC\x8B"
        "44 20 7946 0958",
        "tel:+14155550132", "1-800-FLOWERS", "(415) 555-0132#", "415*555*0132"}) {
    const char* found = nullptr;
    EXPECT_FALSE(PhoneNumbering::Default()->Validate(number, "US", false, &found, nullptr))
        << number;
    const Expected expected = Libphonenumber(number, "US");
    found = ValidPhoneRegion(number, "US");
    EXPECT_EQ(found ? found : "", expected.region) << number;
  }
}

}  // namespace
}  // namespace vigil::testing
