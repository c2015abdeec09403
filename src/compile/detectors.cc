#include "compile/detectors.h"

namespace vigil {
namespace {

// Separators between digit groups. Hyperscan sees bytes: U+2010..U+2015 are
// E2 80 90..95 and U+2212 is E2 88 92.
#define VIGIL_HS_DIGIT_SEP R"((?:[ \-]|\xE2\x80[\x90-\x95]|\xE2\x88\x92))"
#define VIGIL_RE2_DIGIT_SEP R"([ \-\x{2010}-\x{2015}\x{2212}])"

// Candidate patterns are deliberately a little generous and linear; the
// checks in validate/ decide. Entries are in DetectorKind order.
//
// The Hyperscan pattern only says whether a field may hold a value (RE2
// finds where), so it is written for the cheapest scan that fires on the
// same fields: a repeat at either end is cut to its minimum (a match with
// more has one with the minimum inside it), so that Hyperscan anchors on
// what is left. Written in full, the e-mail, IBAN and wallet patterns took
// half of the folded view's scan (each started at every letter).
constexpr DetectorSpec kDetectors[] = {
    {DetectorKind::kEmail, "email",
     R"([a-z0-9._%+\-]@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2})",
     R"([a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:xn--[a-z0-9\-]{1,59}|[a-z]{2,24}))",
     "an e-mail address whose top-level domain exists (not logo@2x.png, not git@host:repo)",
     "[email removed]"},
    {DetectorKind::kUrl, "url",
     R"((https?://|www\.)[^\s<>"'])",
     R"((?:https?://|www\.)[^\s<>"']+)",
     "an http(s) link or a www. address", "[link removed]"},
    {DetectorKind::kPhone, "phone",
     R"(\+?\d(?:[\d \-.()]|\xE2\x80[\x90-\x95]|\xE2\x88\x92){6,22}\d)",
     R"(\+?\(?\d[\d \-.()\x{2010}-\x{2015}\x{2212}]{6,22}\d)",
     "a phone number valid for its country: international +CC/00CC forms, or the national "
     "forms of US/CA, GB, DE, FR, IN, CN and IR (libphonenumber)",
     "[phone removed]"},
    {DetectorKind::kCreditCard, "credit_card",
     R"(\d(?:)" VIGIL_HS_DIGIT_SEP R"(?\d){11,18})",
     R"(\d(?:)" VIGIL_RE2_DIGIT_SEP R"(?\d){11,18})",
     "a payment card number: 12-19 digits, Luhn check, issuer prefix and length (Visa, "
     "Mastercard, Amex, Discover, JCB, UnionPay, Diners, Mir, Shetab)",
     "[card number removed]"},
    {DetectorKind::kIban, "iban",
     R"([a-z]{2}\d{2}(?:[ \-]?[a-z0-9]){11})",
     R"([a-z]{2}\d{2}(?:[ \-]?[a-z0-9]){11,30})",
     "an IBAN: country code, the country's length, mod-97 check", "[IBAN removed]"},
    {DetectorKind::kUsSsn, "us_ssn",
     R"(\d{3})" VIGIL_HS_DIGIT_SEP R"(?\d{2})" VIGIL_HS_DIGIT_SEP R"(?\d{4})",
     R"(\d{3})" VIGIL_RE2_DIGIT_SEP R"(?\d{2})" VIGIL_RE2_DIGIT_SEP R"(?\d{4})",
     "a US social security number AAA-GG-SSSS outside the never-issued ranges",
     "[SSN removed]"},
    {DetectorKind::kCnResidentId, "cn_resident_id",
     R"(\d{6} ?\d{8} ?\d{3}[\dx])",
     R"(\d{6} ?\d{8} ?\d{3}[\dx])",
     "a Chinese resident identity number: region, birth date, ISO 7064 MOD 11-2 check",
     "[ID number removed]"},
    {DetectorKind::kIrNationalId, "ir_national_id",
     R"(\d{3})" VIGIL_HS_DIGIT_SEP R"(?\d{6})" VIGIL_HS_DIGIT_SEP R"(?\d)",
     R"(\d{3})" VIGIL_RE2_DIGIT_SEP R"(?\d{6})" VIGIL_RE2_DIGIT_SEP R"(?\d)",
     "an Iranian national id (kod-e melli): 10 digits with its mod-11 check digit",
     "[ID number removed]"},
    {DetectorKind::kIpAddress, "ip_address",
     R"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|[0-9a-f]{0,4}:[0-9a-f]{0,4}:[0-9a-f]{0,4})",
     R"(\d{1,3}(?:\.\d{1,3}){3}|(?:[0-9a-f]{1,4}|:)(?::[0-9a-f]{0,4}){1,7}(?:\.\d{1,3}){0,3})",
     "an IPv4 address (octets up to 255) or an IPv6 address", "[IP address removed]"},
    {DetectorKind::kCryptoWallet, "crypto_wallet",
     R"([13][1-9a-z]{24}|bc1[0-9a-z]{11}|0x[0-9a-f]{40})",
     R"([13][1-9a-z]{24,33}|bc1[02-9ac-hj-np-z]{11,71}|0x[0-9a-f]{40})",
     "a Bitcoin address (Base58Check, Bech32/Bech32m) or an Ethereum address (EIP-55 "
     "checksum when mixed case)",
     "[wallet address removed]"},
    {DetectorKind::kSecret, "secret",
     R"((?:akia|asia)[a-z0-9]{16}|gh[pousr]_[a-z0-9]{36}|github_pat_[a-z0-9_]{82})"
     R"(|xox[abprs]-[a-z0-9\-]{10}|hooks\.slack\.com/(?:services|workflows|triggers)/)"
     R"(|-----begin [a-z ]{0,24}private key|eyj[a-z0-9_\-]{8,}\.[a-z0-9_\-])",
     R"(-----BEGIN [A-Z ]{0,24}PRIVATE KEY(?: BLOCK)?-----)"
     R"((?:(?s:.*?)-----END [A-Z ]{0,24}PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s:,\-]*))"
     R"(|(?:AKIA|ASIA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})"
     R"(|xox[abprs]-[A-Za-z0-9\-]{10,250})"
     R"(|(?:https://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_\-]{10,250})"
     R"(|eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]*)",
     "a credential: AWS access key id, GitHub token (checksum of ghp_-style tokens), "
     "github_pat_, Slack token or webhook, private-key PEM block, JWT",
     "[secret removed]"},
};

#undef VIGIL_HS_DIGIT_SEP
#undef VIGIL_RE2_DIGIT_SEP

constexpr size_t kDetectorCount = sizeof(kDetectors) / sizeof(kDetectors[0]);
static_assert(kDetectorCount == kDetectorKindCount, "one catalog entry per DetectorKind");

constexpr bool InKindOrder() {
  for (size_t i = 0; i < kDetectorCount; ++i) {
    if (static_cast<size_t>(kDetectors[i].kind) != i) return false;
  }
  return true;
}
static_assert(InKindOrder(), "kDetectors is indexed by DetectorKind");

}  // namespace

const DetectorSpec* FindDetector(std::string_view name) {
  for (const DetectorSpec& spec : kDetectors) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

const DetectorSpec& GetDetector(DetectorKind kind) {
  return kDetectors[static_cast<size_t>(kind)];
}

const DetectorSpec* AllDetectors(size_t* count) {
  *count = kDetectorCount;
  return kDetectors;
}

}  // namespace vigil
