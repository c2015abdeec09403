#include "validate/pii_secret.h"

#include <zlib.h>

#include <algorithm>

#include "validate/pii_digits.h"

namespace vigil {
namespace {

constexpr double kChecksummed = 0.99;
constexpr double kStructured = 0.9;
// A private-key header with little or no key material after it.
constexpr double kKeyHeaderOnly = 0.6;

constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool IsUpperOrDigit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsAlnum(char c) {
  return IsUpperOrDigit(c) || (c >= 'a' && c <= 'z');
}
bool IsBase64Char(char c) { return IsAlnum(c) || c == '+' || c == '/' || c == '='; }

int Base64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A JSON object, roughly: braces around, and for the header a key "alg".
bool LooksLikeJsonObject(std::string_view json, bool need_alg) {
  while (!json.empty() && (json.front() == ' ' || json.front() == '\n' || json.front() == '\r' ||
                           json.front() == '\t')) {
    json.remove_prefix(1);
  }
  while (!json.empty() && (json.back() == ' ' || json.back() == '\n' || json.back() == '\r' ||
                           json.back() == '\t')) {
    json.remove_suffix(1);
  }
  if (json.size() < 2 || json.front() != '{' || json.back() != '}') return false;
  if (!need_alg) return true;
  size_t pos = json.find("\"alg\"");
  if (pos == std::string_view::npos) return false;
  pos += 5;
  while (pos < json.size() && json[pos] == ' ') ++pos;
  return pos < json.size() && json[pos] == ':';
}

std::optional<DetectorFinding> ConfirmPem(std::string_view text, Span span) {
  const std::string_view s = text.substr(span.start, span.end - span.start);
  // The RE2 pattern is case-insensitive; real headers are capitals.
  const size_t header_end = s.find("-----", 11);
  if (header_end == std::string_view::npos) return std::nullopt;
  const std::string_view header = s.substr(0, header_end);
  if (!StartsWith(header, "-----BEGIN ") || header.find("PRIVATE KEY") == std::string_view::npos) {
    return std::nullopt;
  }
  size_t material = 0;
  for (char c : s.substr(header_end + 5)) material += IsBase64Char(c) ? 1 : 0;
  return DetectorFinding{span, material >= 40 ? kChecksummed : kKeyHeaderOnly, "private_key"};
}

std::optional<DetectorFinding> ConfirmJwt(std::string_view s, Span span) {
  const size_t dot1 = s.find('.');
  const size_t dot2 = dot1 == std::string_view::npos ? dot1 : s.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return std::nullopt;
  char json[768];
  const int header = DecodeBase64Url(s.substr(0, dot1), json, sizeof(json));
  if (header < 0 || !LooksLikeJsonObject({json, static_cast<size_t>(header)}, true)) {
    return std::nullopt;
  }
  const std::string_view payload_text = s.substr(dot1 + 1, dot2 - dot1 - 1);
  // Large payloads are fine; only their start is decoded.
  const std::string_view head = payload_text.substr(0, 1020);
  const int payload = DecodeBase64Url(head.substr(0, head.size() - head.size() % 4), json,
                                      sizeof(json));
  if (payload < 1 || json[0] != '{') return std::nullopt;
  return DetectorFinding{span, kStructured, "jwt"};
}

std::optional<DetectorFinding> ConfirmSlackWebhook(std::string_view s, Span span) {
  const size_t path = s.find("hooks.slack.com/");
  if (path == std::string_view::npos) return std::nullopt;
  std::string_view rest = s.substr(path + 16);
  int segments = 0;
  size_t longest = 0;
  const bool services = StartsWith(rest, "services/");
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (!segment.empty()) {
      ++segments;
      longest = std::max(longest, segment.size());
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  // services/T…/B…/secret, or workflows|triggers/T…/…/…
  if (segments < (services ? 4 : 3) || longest < 16) return std::nullopt;
  return DetectorFinding{span, kStructured + 0.05, "slack_webhook"};
}

}  // namespace

bool GithubTokenChecksumValid(std::string_view token) {
  if (token.size() != 40 || token[3] != '_') return false;
  const std::string_view random = token.substr(4, 30);
  const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(random.data()),
                          static_cast<uInt>(random.size()));
  char expected[6];
  uint64_t value = crc;
  for (int i = 5; i >= 0; --i) {
    expected[i] = kBase62[value % 62];
    value /= 62;
  }
  return token.substr(34, 6) == std::string_view(expected, 6);
}

int DecodeBase64Url(std::string_view in, char* out, size_t capacity) {
  uint32_t acc = 0;
  int bits = 0;
  size_t n = 0;
  for (char c : in) {
    const int v = Base64UrlValue(c);
    if (v < 0) return -1;
    acc = acc << 6 | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (n == capacity) return -1;
      out[n++] = static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return static_cast<int>(n);
}

std::optional<DetectorFinding> ConfirmSecret(std::string_view text, Span span) {
  std::string_view s = text.substr(span.start, span.end - span.start);
  if (StartsWith(s, "-----")) return ConfirmPem(text, span);
  if (IsGluedBefore(text, span.start)) return std::nullopt;
  const size_t hook = s.find("hooks.slack.com/");
  if (hook != std::string_view::npos) {
    // Sentence punctuation after a link is not part of it.
    while (s.back() == '.' || s.back() == '-' || s.back() == '_' || s.back() == '/') {
      s.remove_suffix(1);
      --span.end;
    }
    return ConfirmSlackWebhook(s, span);
  }
  if (IsGluedAfter(text, span.end) || (span.end < text.size() && text[span.end] == '-')) {
    return std::nullopt;
  }
  if (StartsWith(s, "AKIA") || StartsWith(s, "ASIA")) {
    if (s.size() != 20) return std::nullopt;
    for (char c : s) {
      if (!IsUpperOrDigit(c)) return std::nullopt;
    }
    // AWS documents AKIAIOSFODNN7EXAMPLE; ids ending so are examples.
    if (s.substr(13) == "EXAMPLE") return std::nullopt;
    return DetectorFinding{span, kStructured,
                           s[1] == 'K' ? "aws_access_key" : "aws_temporary_access_key"};
  }
  if (s.size() == 40 && StartsWith(s, "gh") && s[3] == '_') {
    const char* subtype = nullptr;
    switch (s[2]) {
      case 'p': subtype = "github_token"; break;
      case 'o': subtype = "github_oauth_token"; break;
      case 'u': subtype = "github_user_token"; break;
      case 's': subtype = "github_server_token"; break;
      case 'r': subtype = "github_refresh_token"; break;
      default: return std::nullopt;
    }
    if (!GithubTokenChecksumValid(s)) return std::nullopt;
    return DetectorFinding{span, kChecksummed, subtype};
  }
  if (StartsWith(s, "github_pat_")) {
    if (s.size() != 93 || s[33] != '_') return std::nullopt;
    return DetectorFinding{span, kStructured, "github_fine_grained_token"};
  }
  if (StartsWith(s, "xox") && s.size() > 5 && s[4] == '-' &&
      std::string_view("abprs").find(s[3]) != std::string_view::npos) {
    // xoxb-<team number>-<bot number>-<secret>: numbered parts, then letters.
    int parts = 0;
    bool numbered = true;
    size_t pos = 5;
    while (pos <= s.size()) {
      size_t dash = s.find('-', pos);
      if (dash == std::string_view::npos) dash = s.size();
      const std::string_view part = s.substr(pos, dash - pos);
      if (part.empty()) return std::nullopt;
      if (parts == 0) {
        for (char c : part) numbered = numbered && c >= '0' && c <= '9';
        numbered = numbered && part.size() >= 6;
      }
      ++parts;
      pos = dash + 1;
    }
    if (parts < 3 || !numbered || s.size() < 24) return std::nullopt;
    return DetectorFinding{span, kStructured, "slack_token"};
  }
  if (StartsWith(s, "eyJ")) return ConfirmJwt(s, span);
  return std::nullopt;
}

}  // namespace vigil
