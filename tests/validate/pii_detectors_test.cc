// The catalog as the engine uses it: every pattern compiles where it will
// run, and email/url/phone keep their behaviour through the old entry
// point ConfirmDetectorMatch.
#include <gtest/gtest.h>
#include <hs/hs.h>

#include "pii_test_util.h"

namespace vigil::testing {
namespace {

TEST(DetectorCatalog, PatternsCompile) {
  size_t count;
  const DetectorSpec* all = AllDetectors(&count);
  ASSERT_EQ(count, kDetectorKindCount);
  for (size_t i = 0; i < count; ++i) {
    EXPECT_EQ(static_cast<size_t>(all[i].kind), i);
    EXPECT_EQ(FindDetector(all[i].name), &all[i]);
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    // As compile/pattern_set.cc does: byte mode, caseless.
    ASSERT_EQ(hs_compile(all[i].hyperscan_pattern, HS_FLAG_CASELESS, HS_MODE_BLOCK, nullptr, &db,
                         &error),
              HS_SUCCESS)
        << all[i].name << ": " << (error ? error->message : "");
    hs_free_database(db);
    EXPECT_TRUE(Finder(all[i].kind).ok()) << all[i].name << ": " << Finder(all[i].kind).error();
    EXPECT_FALSE(RE2::PartialMatch("", Finder(all[i].kind))) << all[i].name;
    EXPECT_STRNE(all[i].suggested_replacement, "");
  }
  EXPECT_EQ(FindDetector("street_address"), nullptr);
}

bool Confirm(DetectorKind kind, const std::string& text, std::string* found = nullptr) {
  std::vector<Span> spans;
  FindAllSpans(Finder(kind), text, &spans);
  for (Span span : spans) {
    if (ConfirmDetectorMatch(kind, text, &span)) {
      if (found) *found = text.substr(span.start, span.end - span.start);
      return true;
    }
  }
  return false;
}

TEST(ConfirmDetectorMatch, EmailAsBefore) {
  std::string found;
  EXPECT_TRUE(Confirm(DetectorKind::kEmail, "You can reach me at jane.doe@example.com any time",
                      &found));
  EXPECT_EQ(found, "jane.doe@example.com");
  EXPECT_TRUE(Confirm(DetectorKind::kEmail, "我的邮箱是 li.wei+forum@mail.example.cn ，有问题发邮件"));
  EXPECT_TRUE(Confirm(DetectorKind::kEmail, "Write to support@forum.example for billing"));
  EXPECT_FALSE(Confirm(DetectorKind::kEmail, "Follow @vigil_dev for release news"));
  EXPECT_FALSE(Confirm(DetectorKind::kEmail, "Meet me @ the station at noon"));
  EXPECT_FALSE(Confirm(DetectorKind::kEmail, "see logo@2x.png"));
  EXPECT_FALSE(Confirm(DetectorKind::kEmail, "git clone git@github.com:vigil/vigil.git"));
  EXPECT_FALSE(Confirm(DetectorKind::kEmail, "me@host.localdomain"));
  EXPECT_TRUE(Confirm(DetectorKind::kEmail, "mail: a@b.xn--p1ai"));
  EXPECT_TRUE(Confirm(DetectorKind::kEmail, "write to jane@example.com: she knows"));
}

TEST(ConfirmDetectorMatch, UrlAsBefore) {
  std::string found;
  EXPECT_TRUE(Confirm(DetectorKind::kUrl, "see https://docs.example/setup.", &found));
  EXPECT_EQ(found, "https://docs.example/setup");
  EXPECT_TRUE(Confirm(DetectorKind::kUrl, "(www.a.example)", &found));
  EXPECT_EQ(found, "www.a.example");
  EXPECT_FALSE(Confirm(DetectorKind::kUrl, "xhttp://a.example"));
}

TEST(ConfirmDetectorMatch, PhoneAsBefore) {
  EXPECT_TRUE(Confirm(DetectorKind::kPhone, "Call me on +1 415 555 0132 after six"));
  EXPECT_TRUE(Confirm(DetectorKind::kPhone, "شماره‌ام 0912 345 6789 است، عصر زنگ بزنید"));
  EXPECT_TRUE(Confirm(DetectorKind::kPhone, "Our office line is +44 20 7946 0958"));
  EXPECT_FALSE(Confirm(DetectorKind::kPhone, "We had 300 people at the meetup and 45 talks"));
  EXPECT_FALSE(Confirm(DetectorKind::kPhone, "Version 2.14.3 fixed the crash on startup"));
}

TEST(ConfirmDetectorMatch, NewDetectorsUseTheDefaultTables) {
  EXPECT_TRUE(Confirm(DetectorKind::kCreditCard, "card 4111 1111 1111 1111"));
  EXPECT_TRUE(Confirm(DetectorKind::kIban, "IBAN DE89 3704 0044 0532 0130 00"));
  EXPECT_FALSE(Confirm(DetectorKind::kCreditCard, "order 4111 1111 1111 1111"));
}

TEST(ConfirmDetector, RejectsBadSpans) {
  EXPECT_FALSE(ConfirmDetector(DetectorKind::kEmail, "abc", {2, 1}, Tables()));
  EXPECT_FALSE(ConfirmDetector(DetectorKind::kEmail, "abc", {0, 9}, Tables()));
}

}  // namespace
}  // namespace vigil::testing
