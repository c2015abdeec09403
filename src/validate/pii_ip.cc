#include "validate/pii_ip.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>

#include "common/utf8.h"
#include "validate/pii_digits.h"

namespace vigil {
namespace {

// Any four small numbers with dots look like an address: versions, section
// numbers and OIDs too, so context words matter here.
constexpr double kIpv4 = 0.7;
// Private addresses say little about a person.
constexpr double kIpv4Private = 0.55;
constexpr double kIpv6 = 0.8;

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

bool ParseIpv4(std::string_view s, bool* is_private) {
  int octets[4];
  int count = 0;
  size_t pos = 0;
  while (count < 4) {
    size_t end = pos;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
    const size_t len = end - pos;
    if (len == 0 || len > 3 || (len > 1 && s[pos] == '0')) return false;
    int value = 0;
    for (size_t i = pos; i < end; ++i) value = value * 10 + (s[i] - '0');
    if (value > 255) return false;
    octets[count++] = value;
    if (count < 4) {
      if (end >= s.size() || s[end] != '.') return false;
      pos = end + 1;
    } else if (end != s.size()) {
      return false;
    }
  }
  if (is_private) {
    const int a = octets[0], b = octets[1];
    *is_private = a == 0 || a == 10 || a == 127 || (a == 172 && b >= 16 && b <= 31) ||
                  (a == 192 && b == 168) || (a == 169 && b == 254) ||
                  (a == 100 && b >= 64 && b <= 127);
  }
  return true;
}

bool ParseIpv6(std::string_view s) {
  if (s.size() < 2 || s.size() > 45) return false;
  int groups = 0;
  bool in_group = false;
  for (char c : s) {
    if (IsHex(c)) {
      if (!in_group) ++groups;
      in_group = true;
    } else {
      in_group = false;
    }
  }
  const bool embedded_ipv4 = s.find('.') != std::string_view::npos;
  if (groups < 3 && !(embedded_ipv4 && groups >= 2)) return false;
  char buffer[46];
  std::memcpy(buffer, s.data(), s.size());
  buffer[s.size()] = '\0';
  unsigned char address[16];
  return inet_pton(AF_INET6, buffer, address) == 1;
}

std::optional<DetectorFinding> ConfirmIpAddress(std::string_view text, Span span) {
  std::string_view s = text.substr(span.start, span.end - span.start);
  if (s.find(':') != std::string_view::npos) {
    // "…::1: blocked": the colon ends the sentence's clause, not the address.
    if (s.size() > 2 && s.back() == ':' && s[s.size() - 2] != ':') {
      --span.end;
      s.remove_suffix(1);
    }
    // A colon before belongs to something longer (a MAC address, a time).
    if (span.start > 0 && text[span.start - 1] == ':') return std::nullopt;
    if (IsGluedBefore(text, span.start) || IsGluedAfter(text, span.end)) return std::nullopt;
    if (!ParseIpv6(s)) return std::nullopt;
    return DetectorFinding{span, kIpv6, "ipv6"};
  }
  if (IsGluedBefore(text, span.start) || IsGluedAfter(text, span.end)) return std::nullopt;
  bool is_private = false;
  if (!ParseIpv4(s, &is_private)) return std::nullopt;
  return is_private ? DetectorFinding{span, kIpv4Private, "ipv4_private"}
                    : DetectorFinding{span, kIpv4, "ipv4"};
}

}  // namespace vigil
