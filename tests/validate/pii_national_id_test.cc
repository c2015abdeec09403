#include "validate/pii_national_id.h"

#include <gtest/gtest.h>

#include "pii_test_util.h"

namespace vigil::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(UsSsn, Ranges) {
  EXPECT_TRUE(UsSsnValid("123456789"));
  EXPECT_TRUE(UsSsnValid("899991234"));
  EXPECT_FALSE(UsSsnValid("000123456"));  // area 000
  EXPECT_FALSE(UsSsnValid("666123456"));  // area 666
  EXPECT_FALSE(UsSsnValid("900123456"));  // area 9xx
  EXPECT_FALSE(UsSsnValid("123004567"));  // group 00
  EXPECT_FALSE(UsSsnValid("123450000"));  // serial 0000
  EXPECT_FALSE(UsSsnValid("078051120"));  // the wallet card
}

TEST(UsSsn, Formats) {
  EXPECT_THAT(Accepted(DetectorKind::kUsSsn, "my SSN is 123-45-6789"), ElementsAre("123-45-6789"));
  EXPECT_THAT(Accepted(DetectorKind::kUsSsn, "SSN 123 45 6789"), ElementsAre("123 45 6789"));
  EXPECT_THAT(Accepted(DetectorKind::kUsSsn, "it is 123-45-6789"), ElementsAre("123-45-6789"));
  // Bare nine digits: only with a context word.
  EXPECT_THAT(Accepted(DetectorKind::kUsSsn, "it is 123456789"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kUsSsn, "social security number 123456789"),
              ElementsAre("123456789"));
}

TEST(UsSsn, NearMisses) {
  for (const char* text : {"SSN 000-12-3456", "SSN 666-12-3456", "SSN 987-65-4321",
                           "SSN 123-00-4567", "SSN 123-45-0000", "SSN 123-45 6789",
                           "SSN 12-345-6789", "SSN 123-45-67890", "call 1-123-45-6789",
                           "SSN 123-45-6789-1"}) {
    EXPECT_THAT(Accepted(DetectorKind::kUsSsn, text), IsEmpty()) << text;
  }
}

TEST(UsSsn, NegativeContexts) {
  EXPECT_THAT(Accepted(DetectorKind::kUsSsn, "order 123-45-6789 shipped"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kUsSsn, "tracking number 123-45-6789"), IsEmpty());
}

TEST(CnResidentId, Check) {
  const int today = 20240601;
  EXPECT_TRUE(CnResidentIdValid("11010519491231002X", Tables(), today));
  EXPECT_TRUE(CnResidentIdValid("11010519491231002x", Tables(), today));
  EXPECT_TRUE(CnResidentIdValid("440524188001010014", Tables(), 20240601) == false);  // 1880
  EXPECT_FALSE(CnResidentIdValid("110105194912310021", Tables(), today));  // check
  EXPECT_FALSE(CnResidentIdValid("99010519491231002X", Tables(), today));  // region
}

std::string WithCheck(const std::string& first17) {
  static const char kCodes[] = "10X98765432";
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + kCodes[sum % 11];
}

TEST(CnResidentId, ImpossibleDates) {
  const int today = 20240601;
  EXPECT_TRUE(CnResidentIdValid(WithCheck("11010520000229123"), Tables(), today));   // leap
  EXPECT_FALSE(CnResidentIdValid(WithCheck("11010519000229123"), Tables(), today));  // not leap
  EXPECT_FALSE(CnResidentIdValid(WithCheck("11010519990230123"), Tables(), today));
  EXPECT_FALSE(CnResidentIdValid(WithCheck("11010519991301123"), Tables(), today));
  EXPECT_FALSE(CnResidentIdValid(WithCheck("11010519990431123"), Tables(), today));
  EXPECT_FALSE(CnResidentIdValid(WithCheck("11010520240602123"), Tables(), today));  // future
  EXPECT_FALSE(CnResidentIdValid(WithCheck("11010518991231123"), Tables(), today));
}

TEST(CnResidentId, EveryProvince) {
  int provinces = 0;
  for (int code = 10; code < 100; ++code) {
    if (!Tables().cn_provinces[code]) continue;
    ++provinces;
    const std::string id = WithCheck(std::to_string(code) + "010519800101123");
    EXPECT_THAT(Accepted(DetectorKind::kCnResidentId, "身份证号" + id), ElementsAre(id));
  }
  EXPECT_EQ(provinces, 34);
}

TEST(CnResidentId, InText) {
  EXPECT_THAT(Accepted(DetectorKind::kCnResidentId, "身份证：11010519491231002X，姓名"),
              ElementsAre("11010519491231002X"));
  EXPECT_THAT(Accepted(DetectorKind::kCnResidentId, "ID 110105 19491231 002X"),
              ElementsAre("110105 19491231 002X"));
  EXPECT_THAT(Accepted(DetectorKind::kCnResidentId, "订单号11010519491231002X"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kCnResidentId, "911010519491231002X"), IsEmpty());
}

TEST(IrNationalId, Check) {
  EXPECT_TRUE(IrNationalIdValid("0499370899"));
  EXPECT_TRUE(IrNationalIdValid("0790419904"));
  EXPECT_FALSE(IrNationalIdValid("0499370898"));
  EXPECT_FALSE(IrNationalIdValid("1111111111"));  // passes the arithmetic, never issued
  EXPECT_FALSE(IrNationalIdValid("049937089"));
}

TEST(IrNationalId, InText) {
  EXPECT_THAT(Accepted(DetectorKind::kIrNationalId, "کد ملی من 0499370899 است"),
              ElementsAre("0499370899"));
  EXPECT_THAT(Accepted(DetectorKind::kIrNationalId, "کدملی:049-937089-9"),
              ElementsAre("049-937089-9"));
  // Persian text alone (no context word) is enough; English text needs one.
  EXPECT_THAT(Accepted(DetectorKind::kIrNationalId, "این را ببین 0499370899 لطفا"),
              ElementsAre("0499370899"));
  EXPECT_THAT(Accepted(DetectorKind::kIrNationalId, "look at this 0499370899 please"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kIrNationalId, "my national id 0499370899"),
              ElementsAre("0499370899"));
}

TEST(IrNationalId, NearMissesAndNegativeContexts) {
  for (const char* text : {"کد ملی 0499370898", "کد ملی 1111111111", "کد ملی 04993708999",
                           "شماره سفارش 0499370899", "کد رهگیری 0499370899",
                           "تلفن 0499370899"}) {
    EXPECT_THAT(Accepted(DetectorKind::kIrNationalId, text), IsEmpty()) << text;
  }
}

// Ambiguity: 9434765919 passes both the Iranian check and the NHS check.
TEST(IrNationalId, NhsAmbiguityDecidedByScriptAndWords) {
  ASSERT_TRUE(IrNationalIdValid("9434765919"));
  ASSERT_TRUE(NhsNumberValid("9434765919"));
  EXPECT_THAT(Accepted(DetectorKind::kIrNationalId, "کد ملی 9434765919"),
              ElementsAre("9434765919"));
  EXPECT_THAT(Accepted(DetectorKind::kIrNationalId, "this is 9434765919 here"), IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kIrNationalId, "my NHS number is 9434765919"), IsEmpty());
  const std::vector<Found> persian = FindAll(DetectorKind::kIrNationalId, "این 9434765919 است");
  const std::vector<Found> english = FindAll(DetectorKind::kIrNationalId, "this 9434765919 here");
  ASSERT_EQ(persian.size(), 1u);
  ASSERT_EQ(english.size(), 1u);
  EXPECT_GT(persian[0].confidence, english[0].confidence);
}

}  // namespace
}  // namespace vigil::testing
