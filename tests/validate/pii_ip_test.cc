#include "validate/pii_ip.h"

#include <gtest/gtest.h>

#include "pii_test_util.h"

namespace vigil::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(Ipv4, Parse) {
  bool is_private = true;
  EXPECT_TRUE(ParseIpv4("8.8.8.8", &is_private));
  EXPECT_FALSE(is_private);
  EXPECT_TRUE(ParseIpv4("255.255.255.255"));
  EXPECT_TRUE(ParseIpv4("192.168.1.1", &is_private));
  EXPECT_TRUE(is_private);
  EXPECT_TRUE(ParseIpv4("172.20.0.1", &is_private));
  EXPECT_TRUE(is_private);
  EXPECT_FALSE(ParseIpv4("256.1.1.1"));
  EXPECT_FALSE(ParseIpv4("1.2.3"));
  EXPECT_FALSE(ParseIpv4("1.2.3.4.5"));
  EXPECT_FALSE(ParseIpv4("01.2.3.4"));
}

TEST(Ipv6, Parse) {
  EXPECT_TRUE(ParseIpv6("2001:db8::1"));
  EXPECT_TRUE(ParseIpv6("2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
  EXPECT_TRUE(ParseIpv6("::ffff:192.0.2.128"));
  EXPECT_FALSE(ParseIpv6("::1"));       // fewer than three groups
  EXPECT_FALSE(ParseIpv6("10:30:00"));  // a time
  EXPECT_FALSE(ParseIpv6("00:1a:2b:3c:4d:5e"));  // a MAC address
  EXPECT_FALSE(ParseIpv6("2001:db8:::1"));
}

TEST(IpAddress, InText) {
  EXPECT_THAT(Accepted(DetectorKind::kIpAddress, "my IP is 203.0.113.7, ban it"),
              ElementsAre("203.0.113.7"));
  EXPECT_THAT(Accepted(DetectorKind::kIpAddress, "服务器地址203.0.113.7"),
              ElementsAre("203.0.113.7"));
  EXPECT_THAT(Accepted(DetectorKind::kIpAddress, "ssh to 2001:db8::8a2e:370:7334: it is down"),
              ElementsAre("2001:db8::8a2e:370:7334"));
  EXPECT_THAT(Accepted(DetectorKind::kIpAddress, "at 2001:db8:85a3::8a2e:370:7334."),
              ElementsAre("2001:db8:85a3::8a2e:370:7334"));
  const std::vector<Found> found = FindAll(DetectorKind::kIpAddress, "router 192.168.1.1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].subtype, "ipv4_private");
}

TEST(IpAddress, NearMissesAndContexts) {
  for (const char* text : {"256.1.1.1", "1.2.3", "v1.2.3.4", "1.2.3.4.5", "version 1.2.3.4",
                           "release 4.1.0.12", "نسخه 1.2.3.4", "版本 1.2.3.4", "10:30:00",
                           "00:1a:2b:3c:4d:5e", "std::vector<int>", "192.168.001.001",
                           "a::b"}) {
    EXPECT_THAT(Accepted(DetectorKind::kIpAddress, text), IsEmpty()) << text;
  }
}

}  // namespace
}  // namespace vigil::testing
