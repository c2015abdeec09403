#include "validate/pii_card.h"

#include <gtest/gtest.h>

#include "pii_test_util.h"

namespace vigil::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(Luhn, KnownNumbers) {
  EXPECT_TRUE(LuhnValid("4111111111111111"));
  EXPECT_TRUE(LuhnValid("378282246310005"));
  EXPECT_FALSE(LuhnValid("4111111111111112"));
  EXPECT_FALSE(LuhnValid(""));
}

// One valid number per issuer in the table (test numbers the networks
// publish, and synthetic Luhn-completed ones).
TEST(CardIssuers, EveryIssuerIsRecognised) {
  const struct {
    const char* number;
    const char* issuer;
  } kCases[] = {
      {"4111111111111111", "visa"},       {"4222222222222", "visa"},
      {"5555555555554444", "mastercard"}, {"2223003122003222", "mastercard"},
      {"378282246310005", "amex"},        {"6011111111111117", "discover"},
      {"3530111333300000", "jcb"},        {"6250941006528599", "unionpay"},
      {"6250946000000016008", "unionpay"}, {"36227206271667", "diners"},
      {"2200000000000004", "mir"},        {"6037990000000006", "shetab"},
      {"6104330000000003", "shetab"},
  };
  for (const auto& c : kCases) {
    if (!LuhnValid(c.number)) {
      ADD_FAILURE() << c.number << " fails Luhn (fix the test)";
      continue;
    }
    const CardIssuer* issuer = FindCardIssuer(Tables().card_issuers, c.number);
    ASSERT_NE(issuer, nullptr) << c.number;
    EXPECT_EQ(issuer->name, c.issuer) << c.number;
  }
}

TEST(CardIssuers, LongestPrefixWins) {
  // 622106 is Parsian Bank (Shetab), inside UnionPay's 62.
  EXPECT_EQ(FindCardIssuer(Tables().card_issuers, "6221060000000007")->name, "shetab");
  // Mastercard's 2-series: 2221..2720 only.
  EXPECT_EQ(FindCardIssuer(Tables().card_issuers, "2720990000000007")->name, "mastercard");
  EXPECT_EQ(FindCardIssuer(Tables().card_issuers, "2721000000000000"), nullptr);
  // Length is part of the issuer: no 15-digit Visa.
  EXPECT_EQ(FindCardIssuer(Tables().card_issuers, "411111111111116"), nullptr);
}

TEST(CreditCard, SeparatorStyles) {
  for (const char* text : {"card 4111111111111111", "card 4111 1111 1111 1111",
                           "card 4111-1111-1111-1111", "card 4111\u20101111\u20101111\u20101111",
                           "card 4111\u22121111\u22121111\u22121111",
                           "card 4111\u20131111\u20131111\u20131111"}) {
    EXPECT_EQ(Accepted(DetectorKind::kCreditCard, text).size(), 1u) << text;
  }
}

TEST(CreditCard, FoldedScripts) {
  // What the folded view makes of Persian, Arabic-Indic and full-width
  // digits: ASCII digits beside the script's words.
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "شماره کارت 6037 9900 0000 0006 است"),
              ElementsAre("6037 9900 0000 0006"));
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "卡号6250941006528599，谢谢"),
              ElementsAre("6250941006528599"));
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "银行卡 6250 9460 0000 0016 008"),
              ElementsAre("6250 9460 0000 0016 008"));
}

TEST(CreditCard, AmexAndDinersGroupings) {
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "amex 3782 822463 10005"),
              ElementsAre("3782 822463 10005"));
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "diners 3622 720627 1667"),
              ElementsAre("3622 720627 1667"));
  // Amex printed in fours is not how an Amex card reads.
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "card 3782 8224 6310 005"), IsEmpty());
}

TEST(CreditCard, NearMisses) {
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "card 4111 1111 1111 1112"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "card 9111 1111 1111 1113"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "card 411111111111116"), IsEmpty());  // 15
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "card 41111111111111110"), IsEmpty());
  // Glued to letters or more digits: an id, not a card.
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "x4111111111111111"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "4111111111111111y"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "3.4111111111111111"), IsEmpty());
}

TEST(CreditCard, NarrowsToTheCard) {
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard, "card 4111 1111 1111 1111 12 25"),
              ElementsAre("4111 1111 1111 1111"));
  // Two cards in a row are two finds.
  EXPECT_THAT(Accepted(DetectorKind::kCreditCard,
                       "cards 4111 1111 1111 1111 5555 5555 5555 4444"),
              ElementsAre("4111 1111 1111 1111", "5555 5555 5555 4444"));
}

TEST(CreditCard, NegativeContexts) {
  for (const char* text :
       {"Order number: 4111 1111 1111 1111", "tracking 4111111111111111", "Invoice 4111111111111111",
        "订单号4111111111111111", "快递单号：4111111111111111", "شماره سفارش 4111111111111111",
        "کد رهگیری 6037 9900 0000 0006"}) {
    EXPECT_THAT(Accepted(DetectorKind::kCreditCard, text), IsEmpty()) << text;
    EXPECT_EQ(FindAll(DetectorKind::kCreditCard, text).size(), 1u) << "still found: " << text;
  }
}

TEST(CreditCard, SubtypeAndConfidence) {
  const std::vector<Found> found =
      FindAll(DetectorKind::kCreditCard, "my card number is 5555 5555 5555 4444");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].subtype, "mastercard");
  EXPECT_GT(found[0].confidence, 0.9);
}

}  // namespace
}  // namespace vigil::testing
