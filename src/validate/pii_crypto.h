// Cryptocurrency wallet addresses, each with its own checksum:
//   Bitcoin Base58Check (P2PKH "1…", P2SH "3…"): double SHA-256;
//   Bitcoin Bech32 (BIP 173, witness v0 "bc1q…") and Bech32m (BIP 350,
//     v1+ "bc1p…"): the BCH checksum, and the witness program's length;
//   Ethereum "0x" + 40 hex: EIP-55's Keccak-256 case checksum when the
//     letters are mixed case (all-lower or all-upper has no checksum).
//
//   Base58CheckVersion("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")  // 0
#ifndef VIGIL_VALIDATE_PII_CRYPTO_H_
#define VIGIL_VALIDATE_PII_CRYPTO_H_

#include <optional>
#include <string_view>

#include "validate/pii_finding.h"

namespace vigil {

// The version byte of a valid 25-byte Base58Check string, or -1.
int Base58CheckVersion(std::string_view address);

// The witness version of a valid segwit address with human-readable part
// `hrp` ("bc"), checksum variant and program length included, or -1.
int SegwitVersion(std::string_view address, std::string_view hrp);

enum class Eip55 { kInvalid, kNoChecksum, kChecksumValid };
// "0x" + 40 hex digits: whether it is one, and whether its case carries a
// valid EIP-55 checksum.
Eip55 CheckEthereumAddress(std::string_view address);

// Confirms text[span] as a wallet address, before context scoring.
// Subtypes: "bitcoin_p2pkh", "bitcoin_p2sh", "bitcoin_segwit",
// "bitcoin_taproot", "ethereum".
std::optional<DetectorFinding> ConfirmCryptoWallet(std::string_view text, Span span);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_CRYPTO_H_
