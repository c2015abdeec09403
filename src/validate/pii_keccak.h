// Keccak-256 as Ethereum uses it (the original Keccak padding 0x01, not
// SHA3-256's 0x06), for EIP-55 mixed-case address checksums.
//
//   std::array<uint8_t, 32> digest = Keccak256("");  // c5d24601…
#ifndef VIGIL_VALIDATE_PII_KECCAK_H_
#define VIGIL_VALIDATE_PII_KECCAK_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace vigil {

std::array<uint8_t, 32> Keccak256(std::string_view data);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_KECCAK_H_
