#include "validate/pii_crypto.h"

#include <gtest/gtest.h>

#include "pii_test_util.h"
#include "validate/pii_keccak.h"
#include "validate/pii_sha256.h"

namespace vigil::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string Hex(const std::array<uint8_t, 32>& d) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : d) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

TEST(Sha256, Vectors) {
  EXPECT_EQ(Hex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Hex(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Hex(Sha256(std::string(1000, 'a'))),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST(Keccak256, Vectors) {
  EXPECT_EQ(Hex(Keccak256("")), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(Hex(Keccak256("abc")),
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  EXPECT_EQ(Hex(Keccak256(std::string(200, 'a'))).size(), 64u);  // crosses a block
}

TEST(Bitcoin, Base58Check) {
  EXPECT_EQ(Base58CheckVersion("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"), 0);
  EXPECT_EQ(Base58CheckVersion("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"), 5);
  EXPECT_EQ(Base58CheckVersion("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"), -1);  // checksum
  EXPECT_EQ(Base58CheckVersion("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN"), -1);   // length
  EXPECT_EQ(Base58CheckVersion("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0"), -1);  // alphabet
}

TEST(Bitcoin, Bech32AndBech32m) {
  EXPECT_EQ(SegwitVersion("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bc"), 0);
  EXPECT_EQ(SegwitVersion("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bc"), 0);
  EXPECT_EQ(SegwitVersion("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3", "bc"),
            0);
  EXPECT_EQ(SegwitVersion("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "bc"),
            1);
  // Checksum wrong; mixed case; v0 with the Bech32m constant (BIP 350).
  EXPECT_EQ(SegwitVersion("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "bc"), -1);
  EXPECT_EQ(SegwitVersion("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7KV8f3t4", "bc"), -1);
  EXPECT_EQ(SegwitVersion("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "tb"), -1);
  EXPECT_EQ(SegwitVersion("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", "bc"),
            -1);
}

TEST(Ethereum, Eip55) {
  for (const char* a : {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
    EXPECT_EQ(CheckEthereumAddress(a), Eip55::kChecksumValid) << a;
  }
  EXPECT_EQ(CheckEthereumAddress("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"), Eip55::kNoChecksum);
  EXPECT_EQ(CheckEthereumAddress("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"), Eip55::kNoChecksum);
  EXPECT_EQ(CheckEthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"), Eip55::kInvalid);
  EXPECT_EQ(CheckEthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe"), Eip55::kInvalid);
}

TEST(CryptoWallet, InText) {
  EXPECT_THAT(Accepted(DetectorKind::kCryptoWallet,
                       "send BTC to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 please"),
              ElementsAre("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"));
  EXPECT_THAT(Accepted(DetectorKind::kCryptoWallet,
                       "钱包地址bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4，谢谢"),
              ElementsAre("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"));
  EXPECT_THAT(Accepted(DetectorKind::kCryptoWallet,
                       "آدرس کیف پول 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
              ElementsAre("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
  const std::vector<Found> found =
      FindAll(DetectorKind::kCryptoWallet, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].subtype, "bitcoin_taproot");
}

TEST(CryptoWallet, NearMissesAndContexts) {
  for (const char* text : {"send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3",
                           "send to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
                           "send to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
                           "tx hash 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
                           "x1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
                           "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00"}) {
    EXPECT_THAT(Accepted(DetectorKind::kCryptoWallet, text), IsEmpty()) << text;
  }
}

}  // namespace
}  // namespace vigil::testing
