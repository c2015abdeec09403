// SHA-256 (FIPS 180-4), for Bitcoin's Base58Check checksum. Small and
// self-contained so that the library needs no crypto dependency for one
// hash over 21 bytes.
//
//   std::array<uint8_t, 32> digest = Sha256(bytes);
#ifndef VIGIL_VALIDATE_PII_SHA256_H_
#define VIGIL_VALIDATE_PII_SHA256_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace vigil {

std::array<uint8_t, 32> Sha256(std::string_view data);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_SHA256_H_
