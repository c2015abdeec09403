// IP addresses: IPv4 in dotted decimal (four octets up to 255, no leading
// zeros, not part of a longer dotted number such as a version "1.2.3.4.5")
// and IPv6 in any RFC 4291 text form, embedded IPv4 included.
#ifndef VIGIL_VALIDATE_PII_IP_H_
#define VIGIL_VALIDATE_PII_IP_H_

#include <optional>
#include <string_view>

#include "validate/pii_finding.h"

namespace vigil {

// True for a dotted-decimal IPv4 address; *is_private (if not null) tells
// whether it is loopback, private (RFC 1918), shared (RFC 6598),
// link-local or "this network".
bool ParseIpv4(std::string_view s, bool* is_private = nullptr);

// True for an IPv6 address with at least three non-empty groups (so "a::"
// in prose or "std::" in code are not taken for one).
bool ParseIpv6(std::string_view s);

// Confirms text[span], before context scoring. Subtypes: "ipv4",
// "ipv4_private", "ipv6".
std::optional<DetectorFinding> ConfirmIpAddress(std::string_view text, Span span);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_IP_H_
