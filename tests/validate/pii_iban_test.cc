#include "validate/pii_iban.h"

#include <gtest/gtest.h>

#include "pii_test_util.h"

namespace vigil::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A valid IBAN for `country` of `length` characters: digits, check digits
// computed.
std::string MakeIban(char a, char b, int length) {
  std::string bban;
  for (int i = 0; i < length - 4; ++i) bban.push_back(static_cast<char>('0' + (i * 7 + 3) % 10));
  for (int check = 2; check <= 98; ++check) {
    std::string iban{a, b, static_cast<char>('0' + check / 10), static_cast<char>('0' + check % 10)};
    iban += bban;
    if (IbanChecksumValid(iban)) return iban;
  }
  return "";
}

TEST(Iban, PublishedExamples) {
  EXPECT_TRUE(IbanChecksumValid("DE89370400440532013000"));
  EXPECT_TRUE(IbanChecksumValid("GB82WEST12345698765432"));
  EXPECT_TRUE(IbanChecksumValid("FR1420041010050500013M02606"));
  EXPECT_TRUE(IbanChecksumValid("NL91ABNA0417164300"));
  EXPECT_FALSE(IbanChecksumValid("DE89370400440532013001"));
}

// A test per country of the table: a valid IBAN of the right length is
// found compact and grouped; one character more or less is not.
TEST(Iban, EveryCountryOfTheTable) {
  int countries = 0;
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) {
      const int length = Tables().iban_length(a, b);
      if (length == 0) continue;
      ++countries;
      const std::string iban = MakeIban(a, b, length);
      ASSERT_FALSE(iban.empty());
      EXPECT_THAT(Accepted(DetectorKind::kIban, "IBAN " + iban), ElementsAre(iban));
      std::string grouped;
      for (size_t i = 0; i < iban.size(); i += 4) {
        if (i) grouped += ' ';
        grouped += iban.substr(i, 4);
      }
      EXPECT_THAT(Accepted(DetectorKind::kIban, "IBAN " + grouped + " please"),
                  ElementsAre(grouped));
      EXPECT_THAT(Accepted(DetectorKind::kIban, "IBAN " + MakeIban(a, b, length + 1)), IsEmpty())
          << a << b << " too long";
      EXPECT_THAT(Accepted(DetectorKind::kIban, "IBAN " + MakeIban(a, b, length - 1)), IsEmpty())
          << a << b << " too short";
    }
  }
  EXPECT_GE(countries, 80);
  EXPECT_EQ(Tables().iban_length('I', 'R'), 26);
}

TEST(Iban, Iran) {
  const std::string iban = MakeIban('I', 'R', 26);
  const std::vector<Found> found = FindAll(DetectorKind::kIban, "شماره شبا " + iban);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].subtype, "IR");
  EXPECT_GT(found[0].confidence, 0.95);
}

TEST(Iban, NearMisses) {
  EXPECT_THAT(Accepted(DetectorKind::kIban, "IBAN DE89 3704 0044 0532 0130 01"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kIban, "IBAN XX89370400440532013000"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kIban, "iban dE89370400440532013000"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kIban, "ID89370400440532013000X"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kIban, "xDE89370400440532013000"), IsEmpty());
}

// Full-width capitals come out of the folded view in lower case.
TEST(Iban, LowerCase) {
  const std::vector<Found> found = FindAll(DetectorKind::kIban, "iban de89 3704 0044 0532 0130 00");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].subtype, "DE");
  EXPECT_THAT(Accepted(DetectorKind::kIban, "iban nl91abna0417164300"),
              ElementsAre("nl91abna0417164300"));
  EXPECT_THAT(Accepted(DetectorKind::kIban, "iban nl91ABNA0417164300"), IsEmpty());
}

TEST(Iban, StopsAtTheNextWord) {
  EXPECT_THAT(Accepted(DetectorKind::kIban, "IBAN DE89 3704 0044 0532 0130 00 and thanks"),
              ElementsAre("DE89 3704 0044 0532 0130 00"));
}

}  // namespace
}  // namespace vigil::testing
