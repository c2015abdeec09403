#include "validate/pii_keccak.h"

namespace vigil {
namespace {

constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008};
constexpr int kRotations[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                                27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
constexpr int kLanes[24] = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                            15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};
constexpr size_t kRate = 136;  // bytes: 1600 - 2 * 256 bits

uint64_t Rotl(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

void KeccakF(uint64_t s[25]) {
  for (int round = 0; round < 24; ++round) {
    uint64_t c[5];
    for (int x = 0; x < 5; ++x) c[x] = s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20];
    for (int x = 0; x < 5; ++x) {
      const uint64_t d = c[(x + 4) % 5] ^ Rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) s[y + x] ^= d;
    }
    uint64_t t = s[1];
    for (int i = 0; i < 24; ++i) {
      const int j = kLanes[i];
      const uint64_t next = s[j];
      s[j] = Rotl(t, kRotations[i]);
      t = next;
    }
    for (int y = 0; y < 25; y += 5) {
      uint64_t row[5];
      for (int x = 0; x < 5; ++x) row[x] = s[y + x];
      for (int x = 0; x < 5; ++x) s[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
    }
    s[0] ^= kRoundConstants[round];
  }
}

void Absorb(uint64_t s[25], const uint8_t* block) {
  for (size_t i = 0; i < kRate / 8; ++i) {
    uint64_t lane = 0;
    for (int b = 7; b >= 0; --b) lane = lane << 8 | block[8 * i + b];
    s[i] ^= lane;
  }
  KeccakF(s);
}

}  // namespace

std::array<uint8_t, 32> Keccak256(std::string_view data) {
  uint64_t s[25] = {};
  size_t i = 0;
  for (; i + kRate <= data.size(); i += kRate) {
    Absorb(s, reinterpret_cast<const uint8_t*>(data.data() + i));
  }
  uint8_t block[kRate] = {};
  const size_t rest = data.size() - i;
  for (size_t j = 0; j < rest; ++j) block[j] = static_cast<uint8_t>(data[i + j]);
  block[rest] ^= 0x01;
  block[kRate - 1] ^= 0x80;
  Absorb(s, block);
  std::array<uint8_t, 32> digest;
  for (int k = 0; k < 32; ++k) digest[k] = static_cast<uint8_t>(s[k / 8] >> (8 * (k % 8)));
  return digest;
}

}  // namespace vigil
