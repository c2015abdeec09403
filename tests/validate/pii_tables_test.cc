#include "validate/pii_tables.h"

#include <gtest/gtest.h>

#include "pii_test_util.h"
#include "validate/pii_data.h"

namespace vigil::testing {
namespace {

using ::testing::HasSubstr;

std::map<std::string, std::string_view> EmbeddedFiles() {
  std::map<std::string, std::string_view> files;
  for (size_t i = 0; i < kPiiDataFileCount; ++i) {
    files[kPiiDataFiles[i].name] = std::string_view(
        reinterpret_cast<const char*>(kPiiDataFiles[i].data), kPiiDataFiles[i].size);
  }
  return files;
}

TEST(PiiTables, EmbeddedDataParses) {
  absl::StatusOr<DetectorTables> tables = LoadDetectorTables();
  ASSERT_TRUE(tables.ok()) << tables.status();
  EXPECT_GE(tables->card_issuers.size(), 9u);
  EXPECT_EQ(tables->iban_length('I', 'R'), 26);
  EXPECT_EQ(tables->iban_length('D', 'E'), 22);
  EXPECT_TRUE(tables->cn_provinces[11]);
  EXPECT_FALSE(tables->cn_provinces[99]);
  EXPECT_TRUE(tables->email_tlds.contains("com"));
  EXPECT_TRUE(tables->email_tlds.contains("ir"));
  EXPECT_FALSE(tables->email_tlds.contains("png"));
  EXPECT_EQ(tables->phone_regions.size(), 7u);
  for (DetectorKind kind : {DetectorKind::kCreditCard, DetectorKind::kPhone,
                            DetectorKind::kIrNationalId, DetectorKind::kCnResidentId}) {
    bool positive = false, negative = false;
    for (const ContextTerm& term : tables->context_for(kind)) {
      (term.positive ? positive : negative) = true;
    }
    EXPECT_TRUE(positive && negative) << GetDetector(kind).name;
  }
  // The same tables every time: what DefaultDetectorTables() serves.
  EXPECT_EQ(DefaultDetectorTables().card_issuers.size(), tables->card_issuers.size());
}

TEST(PiiTables, ErrorsNameFileAndLine) {
  auto error_with = [](const std::string& file, const std::string& content) {
    std::map<std::string, std::string_view> files = EmbeddedFiles();
    files[file] = content;
    absl::StatusOr<DetectorTables> tables = ParseDetectorTables(files);
    EXPECT_FALSE(tables.ok());
    return std::string(tables.status().message());
  };
  EXPECT_THAT(error_with("card_issuers.tsv", "# c\nvisa\t4\t16\n"),
              HasSubstr("data/pii/card_issuers.tsv:2: expected 4 tab-separated columns, found 3"));
  EXPECT_THAT(error_with("card_issuers.tsv", "visa\t4-55\t16\t4*\n"), HasSubstr("bad prefix '4-55'"));
  EXPECT_THAT(error_with("card_issuers.tsv", "visa\t4\t16-25\t4*\n"), HasSubstr("bad length"));
  EXPECT_THAT(error_with("card_issuers.tsv", "visa\t4\t16\t4-x\n"), HasSubstr("bad grouping"));
  EXPECT_THAT(error_with("iban_countries.tsv", "ir\t26\n"),
              HasSubstr("iban_countries.tsv:1: bad country code 'ir'"));
  EXPECT_THAT(error_with("iban_countries.tsv", "IR\t99\n"), HasSubstr("bad IBAN length"));
  EXPECT_THAT(error_with("cn_regions.tsv", "1\tx\n"), HasSubstr("bad region code"));
  EXPECT_THAT(error_with("email_tlds.txt", "Com\n"), HasSubstr("bad top-level domain"));
  EXPECT_THAT(error_with("phone_regions.tsv", "US\tmaybe\t-\n"), HasSubstr("yes, mobile or no"));
  EXPECT_THAT(error_with("phone_regions.tsv", "US\tno\tKlingon\n"), HasSubstr("unknown script"));
  EXPECT_THAT(error_with("context_en.tsv", "cards\t+\tcard\n"),
              HasSubstr("context_en.tsv:1: unknown detector 'cards'"));
  EXPECT_THAT(error_with("context_en.tsv", "phone\t*\tcall\n"), HasSubstr("+ or -"));
  EXPECT_THAT(error_with("context_en.tsv", "phone\t+\t\n"), HasSubstr("empty column"));
  EXPECT_THAT(error_with("script_affinity.tsv", "phone\tIR\tNope\n"), HasSubstr("unknown script"));

  std::map<std::string, std::string_view> files = EmbeddedFiles();
  files.erase("iban_countries.tsv");
  absl::StatusOr<DetectorTables> missing = ParseDetectorTables(files);
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(std::string(missing.status().message()),
              HasSubstr("data/pii/iban_countries.tsv is missing"));
}

}  // namespace
}  // namespace vigil::testing
