#include "validate/pii_phone.h"

#include <gtest/gtest.h>

#include "pii_test_util.h"

namespace vigil::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct CountryCase {
  const char* text;
  const char* number;
  const char* region;
};

// A test per country: national and international forms, in the scripts
// and separator styles people use there (digits already folded).
TEST(Phone, PerCountry) {
  const CountryCase kCases[] = {
      {"Call me on +1 415 555 0132 after six", "+1 415 555 0132", "US"},
      {"phone (212) 555-0199", "(212) 555-0199", "US"},
      {"phone 212-555-0199", "212-555-0199", "US"},
      {"call +1-416-555-0123", "+1-416-555-0123", "CA"},
      {"mobile 604 555 0123", "604 555 0123", "CA"},
      {"ring +44 20 7946 0958", "+44 20 7946 0958", "GB"},
      {"phone 020 7946 0958", "020 7946 0958", "GB"},
      {"mobile 07400 123456", "07400 123456", "GB"},
      {"Telefon +49 30 12345678", "+49 30 12345678", "DE"},
      {"phone 030 12345678", "030 12345678", "DE"},
      {"mobile 0151 23456789", "0151 23456789", "DE"},
      {"tel 06 12 34 56 78", "06 12 34 56 78", "FR"},
      {"tel +33 1 42 68 53 00", "+33 1 42 68 53 00", "FR"},
      {"phone +91 98765 43210", "+91 98765 43210", "IN"},
      {"mobile 98765 43210", "98765 43210", "IN"},
      {"我的电话是138 0013 8000，晚上打", "138 0013 8000", "CN"},
      {"手机：13800138000", "13800138000", "CN"},
      {"电话 +86 138 0013 8000", "+86 138 0013 8000", "CN"},
      {"北京电话010-12345678", "010-12345678", "CN"},
      {"شماره‌ام 0912 345 6789 است، عصر زنگ بزنید", "0912 345 6789", "IR"},
      {"تلفن: 09123456789", "09123456789", "IR"},
      {"موبایل +98 912 345 6789", "+98 912 345 6789", "IR"},
      {"تلفن 0098 912 345 6789", "0098 912 345 6789", "IR"},
      {"تلفن ثابت 021 2345 6789", "021 2345 6789", "IR"},
  };
  for (const CountryCase& c : kCases) {
    const std::vector<Found> found = FindAll(DetectorKind::kPhone, c.text);
    ASSERT_EQ(found.size(), 1u) << c.text;
    EXPECT_EQ(found[0].text, c.number) << c.text;
    EXPECT_EQ(found[0].subtype, c.region) << c.text;
    EXPECT_GE(found[0].confidence, kDefaultMinConfidence) << c.text;
  }
}

TEST(Phone, InternationalFormsOfAnyCountry) {
  EXPECT_THAT(Accepted(DetectorKind::kPhone, "call +81 3-1234-5678"), ElementsAre("+81 3-1234-5678"));
  EXPECT_THAT(Accepted(DetectorKind::kPhone, "call +7 495 123-45-67"),
              ElementsAre("+7 495 123-45-67"));
}

TEST(Phone, ListsInEveryScript) {
  EXPECT_THAT(Accepted(DetectorKind::kPhone, "电话13800138000、13900139000"),
              ElementsAre("13800138000", "13900139000"));
  EXPECT_THAT(Accepted(DetectorKind::kPhone, "电话13800138000,13900139000"),
              ElementsAre("13800138000", "13900139000"));
  EXPECT_THAT(Accepted(DetectorKind::kPhone, "電話 13800138000 13900139000"),
              ElementsAre("13800138000", "13900139000"));
  EXPECT_THAT(Accepted(DetectorKind::kPhone, "تلفن 09123456789، 09351234567"),
              ElementsAre("09123456789", "09351234567"));
}

TEST(Phone, ScriptChoosesTheCountry) {
  // "0912 345 6789" is Iranian in Persian text.
  const std::vector<Found> fa = FindAll(DetectorKind::kPhone, "شماره 0912 345 6789 است");
  ASSERT_EQ(fa.size(), 1u);
  EXPECT_EQ(fa[0].subtype, "IR");
}

TEST(Phone, NearMisses) {
  for (const char* text :
       {"call +1 123 456 7890", "call +98 912 345 678", "call 12345", "call +44 20 1234",
        "call 1111111111", "call 0000 000 0000", "We had 300 people at the meetup and 45 talks",
        "Version 2.14.3 fixed the crash on startup", "on 2024-01-15 10:30",
        "call 555-0132", "ip 192.168.10.200"}) {
    EXPECT_THAT(Accepted(DetectorKind::kPhone, text), IsEmpty()) << text;
  }
}

TEST(Phone, BareDigitsNeedContext) {
  EXPECT_THAT(Accepted(DetectorKind::kPhone, "got 4155550132 here"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kPhone, "call 4155550132"), ElementsAre("4155550132"));
}

// A number without the trunk prefix its country requires is not read as
// one written without it. (9123456789 is valid elsewhere — a US number, an
// Indian mobile — so the rule is shown with Iran alone.)
TEST(Phone, TrunkPrefixRule) {
  DetectorTables iran_only = Tables();
  iran_only.phone_regions.assign(1, PhoneRegion{"IR", PhoneRegion::Trunk::kRequired, -1});
  auto found = [&](const std::string& text) {
    const size_t start = text.find_first_of("+0123456789");
    return ConfirmDetector(DetectorKind::kPhone, text, {start, text.size()}, iran_only);
  };
  EXPECT_TRUE(found("تلفن 09123456789"));
  EXPECT_FALSE(found("تلفن 9123456789"));
  EXPECT_TRUE(found("تلفن +98 9123456789"));
}

TEST(Phone, NegativeContexts) {
  for (const char* text : {"Order number 4155550132", "tracking 0912 345 6789",
                           "订单号13800138000", "快递单号：13800138000", "发票号码 13800138000",
                           "شماره سفارش 09123456789", "کد رهگیری 09123456789"}) {
    EXPECT_THAT(Accepted(DetectorKind::kPhone, text), IsEmpty()) << text;
  }
}

// ValidPhoneRegion's contract, read from libphonenumber's metadata.
TEST(Phone, ValidPhoneRegion) {
  bool grouped = false;
  EXPECT_STREQ(ValidPhoneRegion("(415) 555-0132", "US", false, &grouped), "US");
  EXPECT_TRUE(grouped);
  EXPECT_STREQ(ValidPhoneRegion("415 5550 132", "US", false, &grouped), "US");
  EXPECT_FALSE(grouped);
  // One country code, two regions: the number's own.
  EXPECT_STREQ(ValidPhoneRegion("604 555 0123", "US"), "CA");
  EXPECT_STREQ(ValidPhoneRegion("+1 416 555 0123", "ZZ"), "CA");
  // The national format includes the trunk prefix; the international one
  // groups as printed abroad.
  EXPECT_STREQ(ValidPhoneRegion("06 12 34 56 78", "FR", false, &grouped), "FR");
  EXPECT_TRUE(grouped);
  EXPECT_STREQ(ValidPhoneRegion("+44 20 7946 0958", "ZZ", false, &grouped), "GB");
  EXPECT_FALSE(grouped);
  // mobile_only: a French mobile, not a Paris number.
  EXPECT_STREQ(ValidPhoneRegion("0612345678", "FR", true), "FR");
  EXPECT_EQ(ValidPhoneRegion("0142685300", "FR", true), nullptr);
  EXPECT_STREQ(ValidPhoneRegion("0142685300", "FR", false), "FR");
  // The region's international prefix makes a number international.
  EXPECT_STREQ(ValidPhoneRegion("011 44 20 7946 0958", "US"), "GB");
  // Valid, but no region's: a non-geographic number.
  EXPECT_EQ(ValidPhoneRegion("+800 1234 5678", "ZZ"), nullptr);
  // A national number needs a region.
  EXPECT_EQ(ValidPhoneRegion("(415) 555-0132", "ZZ"), nullptr);
  // Letters are libphonenumber's to read (here an extension).
  EXPECT_STREQ(ValidPhoneRegion("(415) 555-0132 ext. 7", "US"), "US");
}

TEST(Phone, OddGroupingIsNotAPhoneNumber) {
  // Valid US digits, grouped like a bank account.
  EXPECT_THAT(Accepted(DetectorKind::kPhone, "account NL31 INGB 6612 1945 82"), IsEmpty());
}

}  // namespace
}  // namespace vigil::testing
