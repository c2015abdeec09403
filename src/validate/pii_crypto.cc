#include "validate/pii_crypto.h"

#include <array>
#include <cstdint>

#include "validate/pii_digits.h"
#include "validate/pii_keccak.h"
#include "validate/pii_sha256.h"

namespace vigil {
namespace {

constexpr double kChecksummed = 0.95;
// 40 hex digits after 0x without a case checksum: also a hash or a key.
constexpr double kEthereumNoChecksum = 0.75;

constexpr std::string_view kBase58 =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::string_view kBech32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr uint32_t kBech32Const = 1;
constexpr uint32_t kBech32mConst = 0x2bc830a3;

uint32_t Polymod(const uint8_t* values, size_t count) {
  static constexpr uint32_t kGenerator[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                             0x2a1462b3};
  uint32_t chk = 1;
  for (size_t i = 0; i < count; ++i) {
    const uint32_t top = chk >> 25;
    chk = (chk & 0x1ffffff) << 5 ^ values[i];
    for (int k = 0; k < 5; ++k) {
      if ((top >> k) & 1) chk ^= kGenerator[k];
    }
  }
  return chk;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

int Base58CheckVersion(std::string_view address) {
  std::array<uint8_t, 25> bytes{};
  size_t leading_ones = 0;
  while (leading_ones < address.size() && address[leading_ones] == '1') ++leading_ones;
  for (char c : address) {
    const size_t digit = kBase58.find(c);
    if (digit == std::string_view::npos) return -1;
    uint32_t carry = static_cast<uint32_t>(digit);
    for (size_t i = bytes.size(); i-- > 0;) {
      carry += 58u * bytes[i];
      bytes[i] = static_cast<uint8_t>(carry);
      carry >>= 8;
    }
    if (carry != 0) return -1;  // more than 25 bytes
  }
  size_t leading_zeros = 0;
  while (leading_zeros < bytes.size() && bytes[leading_zeros] == 0) ++leading_zeros;
  if (leading_zeros != leading_ones) return -1;  // fewer than 25 bytes
  const std::string_view payload(reinterpret_cast<const char*>(bytes.data()), 21);
  const std::array<uint8_t, 32> once = Sha256(payload);
  const std::array<uint8_t, 32> twice =
      Sha256(std::string_view(reinterpret_cast<const char*>(once.data()), once.size()));
  for (int i = 0; i < 4; ++i) {
    if (twice[i] != bytes[21 + i]) return -1;
  }
  return bytes[0];
}

int SegwitVersion(std::string_view address, std::string_view hrp) {
  if (address.size() < 14 || address.size() > 90) return -1;
  bool lower = false, upper = false;
  for (char c : address) {
    lower = lower || (c >= 'a' && c <= 'z');
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  if (lower && upper) return -1;
  const size_t sep = address.rfind('1');
  if (sep != hrp.size() || address.size() - sep - 1 < 7) return -1;
  std::array<uint8_t, 100> values{};
  size_t n = 0;
  for (size_t i = 0; i < hrp.size(); ++i) {
    const char c = static_cast<char>(address[i] | 0x20);
    if (c != hrp[i]) return -1;
    values[n++] = static_cast<uint8_t>(c >> 5);
  }
  values[n++] = 0;
  for (size_t i = 0; i < hrp.size(); ++i) values[n++] = static_cast<uint8_t>(hrp[i] & 31);
  const size_t data_start = n;
  for (size_t i = sep + 1; i < address.size(); ++i) {
    const char c = static_cast<char>(address[i] >= 'A' && address[i] <= 'Z' ? address[i] | 0x20
                                                                               : address[i]);
    const size_t v = kBech32.find(c);
    if (v == std::string_view::npos) return -1;
    values[n++] = static_cast<uint8_t>(v);
  }
  const uint32_t check = Polymod(values.data(), n);
  const int version = values[data_start];
  if (version > 16) return -1;
  if (check != (version == 0 ? kBech32Const : kBech32mConst)) return -1;
  // The witness program: the 5-bit groups after the version, as bytes.
  uint32_t acc = 0;
  int bits = 0;
  size_t program = 0;
  for (size_t i = data_start + 1; i < n - 6; ++i) {
    acc = acc << 5 | values[i];
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      ++program;
    }
  }
  if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0) return -1;  // bad padding
  if (program < 2 || program > 40) return -1;
  if (version == 0 && program != 20 && program != 32) return -1;
  return version;
}

Eip55 CheckEthereumAddress(std::string_view address) {
  if (address.size() != 42 || address[0] != '0' || address[1] != 'x') return Eip55::kInvalid;
  char lower[40];
  bool has_lower = false, has_upper = false;
  for (size_t i = 0; i < 40; ++i) {
    const char c = address[2 + i];
    if (HexValue(c) < 0) return Eip55::kInvalid;
    has_lower = has_lower || (c >= 'a' && c <= 'f');
    has_upper = has_upper || (c >= 'A' && c <= 'F');
    lower[i] = c >= 'A' && c <= 'F' ? static_cast<char>(c | 0x20) : c;
  }
  if (!(has_lower && has_upper)) return Eip55::kNoChecksum;
  const std::array<uint8_t, 32> hash = Keccak256(std::string_view(lower, 40));
  for (size_t i = 0; i < 40; ++i) {
    const char c = address[2 + i];
    if (c >= '0' && c <= '9') continue;
    const int nibble = i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0xf;
    const bool should_be_upper = nibble >= 8;
    if (should_be_upper != (c >= 'A' && c <= 'F')) return Eip55::kInvalid;
  }
  return Eip55::kChecksumValid;
}

std::optional<DetectorFinding> ConfirmCryptoWallet(std::string_view text, Span span) {
  if (IsGluedBefore(text, span.start) || IsGluedAfter(text, span.end)) return std::nullopt;
  const std::string_view s = text.substr(span.start, span.end - span.start);
  if (s.size() == 42 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    switch (CheckEthereumAddress(s)) {
      case Eip55::kChecksumValid:
        return DetectorFinding{span, kChecksummed, "ethereum"};
      case Eip55::kNoChecksum:
        return DetectorFinding{span, kEthereumNoChecksum, "ethereum"};
      case Eip55::kInvalid:
        return std::nullopt;
    }
  }
  if (s.size() > 3 && (s[0] | 0x20) == 'b' && (s[1] | 0x20) == 'c' && s[2] == '1') {
    const int version = SegwitVersion(s, "bc");
    if (version < 0) return std::nullopt;
    return DetectorFinding{span, kChecksummed, version == 1 ? "bitcoin_taproot" : "bitcoin_segwit"};
  }
  const int version = Base58CheckVersion(s);
  if (version == 0x00) return DetectorFinding{span, kChecksummed, "bitcoin_p2pkh"};
  if (version == 0x05) return DetectorFinding{span, kChecksummed, "bitcoin_p2sh"};
  return std::nullopt;
}

}  // namespace vigil
