#include "validate/pii_secret.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "pii_test_util.h"

namespace vigil::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A ghp_-style token with a correct checksum over `random30`.
std::string GithubToken(const std::string& prefix, const std::string& random30) {
  static const char kB62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(random30.data()), random30.size());
  std::string check(6, '0');
  for (int i = 5; i >= 0; --i, crc /= 62) check[i] = kB62[crc % 62];
  return prefix + random30 + check;
}

std::string Base64Url(const std::string& s) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : s) {
    acc = acc << 8 | c;
    bits += 8;
    while (bits >= 6) out.push_back(kAlphabet[(acc >> (bits -= 6)) & 63]);
  }
  if (bits) out.push_back(kAlphabet[(acc << (6 - bits)) & 63]);
  return out;
}

const std::string kRandom30 = "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0";

TEST(GithubToken, Checksum) {
  const std::string token = GithubToken("ghp_", kRandom30);
  EXPECT_TRUE(GithubTokenChecksumValid(token));
  std::string wrong = token;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(GithubTokenChecksumValid(wrong));
}

TEST(Secret, EachKind) {
  const struct {
    std::string text;
    std::string value;
    const char* subtype;
  } kCases[] = {
      {"key AKIAQYLPMN5HHHFPZAM2 leaked", "AKIAQYLPMN5HHHFPZAM2", "aws_access_key"},
      {"ASIAQYLPMN5HHHFPZAM2", "ASIAQYLPMN5HHHFPZAM2", "aws_temporary_access_key"},
      {"token=" + GithubToken("ghp_", kRandom30), GithubToken("ghp_", kRandom30), "github_token"},
      {GithubToken("gho_", kRandom30), GithubToken("gho_", kRandom30), "github_oauth_token"},
      {GithubToken("ghs_", kRandom30) + ".", GithubToken("ghs_", kRandom30),
       "github_server_token"},
      {"github_pat_" + std::string(22, 'A') + "_" + std::string(59, 'b'),
       "github_pat_" + std::string(22, 'A') + "_" + std::string(59, 'b'),
       "github_fine_grained_token"},
      {"slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
       "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "slack_token"},
      {"hook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX.",
       "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
       "slack_webhook"},
  };
  for (const auto& c : kCases) {
    const std::vector<Found> found = FindAll(DetectorKind::kSecret, c.text);
    ASSERT_EQ(found.size(), 1u) << c.text;
    EXPECT_EQ(found[0].text, c.value);
    EXPECT_EQ(found[0].subtype, c.subtype);
    EXPECT_GE(found[0].confidence, 0.9);
  }
}

TEST(Secret, PrivateKeyBlocks) {
  const std::string body =
      "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
      "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n";
  for (const char* type : {"RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED "}) {
    const std::string block = std::string("-----BEGIN ") + type + "PRIVATE KEY-----\n" + body +
                              "-----END " + type + "PRIVATE KEY-----";
    const std::vector<Found> found = FindAll(DetectorKind::kSecret, "my key:\n" + block + "\nhelp");
    ASSERT_EQ(found.size(), 1u) << type;
    EXPECT_EQ(found[0].text, block);
    EXPECT_EQ(found[0].subtype, "private_key");
  }
  // Truncated paste: no END line, the key material still counts.
  EXPECT_EQ(Accepted(DetectorKind::kSecret, "-----BEGIN RSA PRIVATE KEY-----\n" + body).size(),
            1u);
  EXPECT_THAT(Accepted(DetectorKind::kSecret, "-----BEGIN PUBLIC KEY-----\n" + body +
                                                  "-----END PUBLIC KEY-----"),
              IsEmpty());
  EXPECT_THAT(Accepted(DetectorKind::kSecret, "-----BEGIN CERTIFICATE-----\n" + body +
                                                  "-----END CERTIFICATE-----"),
              IsEmpty());
}

TEST(Secret, Jwt) {
  const std::string jwt = Base64Url(R"({"alg":"HS256","typ":"JWT"})") + "." +
                          Base64Url(R"({"sub":"1234567890","name":"A","iat":1516239022})") +
                          ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  const std::vector<Found> found = FindAll(DetectorKind::kSecret, "Bearer " + jwt);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].text, jwt);
  EXPECT_EQ(found[0].subtype, "jwt");
  // Unsigned (alg none) tokens end with a dot.
  const std::string unsigned_jwt = Base64Url(R"({"alg":"none"})") + "." +
                                   Base64Url(R"({"sub":"1"})") + ".";
  EXPECT_EQ(Accepted(DetectorKind::kSecret, unsigned_jwt).size(), 1u);
}

TEST(Secret, NearMisses) {
  std::string wrong = GithubToken("ghp_", kRandom30);
  wrong[10] = wrong[10] == 'x' ? 'y' : 'x';
  const std::string no_alg =
      Base64Url(R"({"typ":"JWT"})") + "." + Base64Url(R"({"sub":"1"})") + ".abc";
  const std::string not_json = "eyJhbGciOiJIUzI1NiJ9x." + Base64Url("hello world") + ".abc";
  for (const std::string& text :
       {wrong, std::string("AKIAQYLPMN5HHHFPZAM"), std::string("AKIAQYLPMN5HHHFPZAM2X"),
        std::string("akiaqylpmn5hhhfpzam2"), std::string("the doc's AKIAIOSFODNN7EXAMPLE"),
        no_alg, not_json, std::string("xoxb-notanumber-AbCdEfGhIjKlMnOpQrStUvWx"),
        std::string("GHP_") + kRandom30 + "000000",
        std::string("https://hooks.slack.com/services/T00000000")}) {
    EXPECT_THAT(Accepted(DetectorKind::kSecret, text), IsEmpty()) << text;
  }
}

}  // namespace
}  // namespace vigil::testing
