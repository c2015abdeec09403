#include "validate/pii_context.h"

#include <gtest/gtest.h>
#include <unicode/uscript.h>

#include "pii_test_util.h"

namespace vigil::testing {
namespace {

ContextVerdict Verdict(DetectorKind kind, const std::string& before, const std::string& value,
                       const std::string& after) {
  const std::string text = before + value + after;
  return FindContext(kind, text, {before.size(), before.size() + value.size()}, Tables());
}

constexpr DetectorKind kCard = DetectorKind::kCreditCard;
constexpr DetectorKind kPhone = DetectorKind::kPhone;

TEST(Context, WholeWordsInSpacedScripts) {
  EXPECT_EQ(Verdict(kCard, "my card ", "4111", ""), ContextVerdict::kPositive);
  EXPECT_EQ(Verdict(kCard, "My CARD: ", "4111", ""), ContextVerdict::kPositive);
  EXPECT_EQ(Verdict(kCard, "discard ", "4111", ""), ContextVerdict::kNone);
  EXPECT_EQ(Verdict(kCard, "cardboard ", "4111", ""), ContextVerdict::kNone);
  EXPECT_EQ(Verdict(kCard, "", "4111", " is my card"), ContextVerdict::kPositive);
  EXPECT_EQ(Verdict(kCard, "reorder ", "4111", ""), ContextVerdict::kNone);
}

TEST(Context, SubstringsInChinese) {
  EXPECT_EQ(Verdict(kCard, "我的卡号是", "4111", ""), ContextVerdict::kPositive);
  EXPECT_EQ(Verdict(kCard, "订单号", "4111", ""), ContextVerdict::kNegative);
  EXPECT_EQ(Verdict(kPhone, "联系电话", "138", ""), ContextVerdict::kPositive);
}

TEST(Context, PersianWordStartsAndGluedSuffixes) {
  EXPECT_EQ(Verdict(kCard, "شماره کارت ", "6037", ""), ContextVerdict::kPositive);
  // The folded view removes ZWNJ: "کارت‌ام" becomes "کارتام".
  EXPECT_EQ(Verdict(kCard, "کارتام ", "6037", ""), ContextVerdict::kPositive);
  EXPECT_EQ(Verdict(kCard, "شماره سفارش ", "6037", ""), ContextVerdict::kNegative);
  EXPECT_EQ(Verdict(kCard, "پیگیری", "6037", ""), ContextVerdict::kNegative);
}

TEST(Context, NearestDecidesAndLongerCovers) {
  EXPECT_EQ(Verdict(kCard, "for the order, my card ", "4111", ""), ContextVerdict::kPositive);
  EXPECT_EQ(Verdict(kCard, "card for order ", "4111", ""), ContextVerdict::kNegative);
  // "number" is positive for phones, but "order number" covers it.
  EXPECT_EQ(Verdict(kPhone, "order number ", "4155550132", ""), ContextVerdict::kNegative);
  EXPECT_EQ(Verdict(kPhone, "phone number ", "4155550132", ""), ContextVerdict::kPositive);
}

TEST(Context, WindowIsBounded) {
  const std::string far(kContextBefore, ' ');
  EXPECT_EQ(Verdict(kCard, "card" + far, "4111", ""), ContextVerdict::kNone);
  EXPECT_EQ(Verdict(kCard, "card" + far.substr(10), "4111", ""), ContextVerdict::kPositive);
}

TEST(Context, DominantScript) {
  auto script = [](const std::string& before, const std::string& after) {
    const std::string text = before + "0000" + after;
    return DominantScript(text, {before.size(), before.size() + 4});
  };
  EXPECT_EQ(script("کد ملی من ", " است"), USCRIPT_ARABIC);
  EXPECT_EQ(script("我的号码", "谢谢"), USCRIPT_HAN);
  EXPECT_EQ(script("my number ", " thanks"), USCRIPT_LATIN);
  EXPECT_EQ(script("", ""), -1);
}

TEST(Context, Scoring) {
  const DetectorTables& t = Tables();
  auto score = [&](DetectorKind kind, const std::string& before, const char* subtype,
                   double base) {
    const std::string text = before + "0000";
    const Span span{before.size(), text.size()};
    return ScoreContext(kind, text, span, subtype, base, DominantScript(text, span), t);
  };
  EXPECT_DOUBLE_EQ(score(kCard, "", "visa", 0.9), 0.9);
  EXPECT_DOUBLE_EQ(score(kCard, "card ", "visa", 0.5), 0.8);
  EXPECT_DOUBLE_EQ(score(kCard, "order ", "visa", 0.5), 0.2);
  // Script affinity: Shetab in Persian text rises, in English falls.
  EXPECT_DOUBLE_EQ(score(kCard, "این را ببین ", "shetab", 0.5), 0.65);
  EXPECT_DOUBLE_EQ(score(kCard, "look at this ", "shetab", 0.5), 0.425);
  // No affinity for Visa: the script does not matter.
  EXPECT_DOUBLE_EQ(score(kCard, "این را ببین ", "visa", 0.5), 0.5);
  // Words after the script: a negative word sinks even a Persian Shetab.
  EXPECT_LT(score(kCard, "شماره سفارش ", "shetab", 0.9), kDefaultMinConfidence);
}

}  // namespace
}  // namespace vigil::testing
