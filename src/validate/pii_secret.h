// Credentials pasted into posts: each kind by its documented shape, and by
// its checksum where it has one.
//   AWS access key ids     AKIA/ASIA + 16 upper-case letters and digits
//   GitHub tokens          ghp_/gho_/ghu_/ghs_/ghr_ + 30 random base62
//                          characters + 6 more: the CRC-32 of those 30,
//                          in base62; github_pat_ + 22 + '_' + 59
//   Slack                  xoxa-/xoxb-/xoxp-/xoxr-/xoxs- tokens; webhooks
//                          at hooks.slack.com/services/T…/B…/secret
//   Private keys           a PEM "-----BEGIN … PRIVATE KEY-----" block
//   JWTs                   header.payload.signature whose header is a JSON
//                          object with "alg" and payload a JSON object
#ifndef VIGIL_VALIDATE_PII_SECRET_H_
#define VIGIL_VALIDATE_PII_SECRET_H_

#include <optional>
#include <string_view>

#include "validate/pii_finding.h"

namespace vigil {

// True when a ghp_-style token's last six characters are the base62 CRC-32
// of the thirty before them.
bool GithubTokenChecksumValid(std::string_view token);

// Decodes unpadded base64url into `out` (capacity `capacity`); the decoded
// size, or -1 when not base64url or too long.
int DecodeBase64Url(std::string_view in, char* out, size_t capacity);

// Confirms text[span] as a secret, before context scoring. Subtypes:
// "aws_access_key", "aws_temporary_access_key", "github_token",
// "github_oauth_token", "github_user_token", "github_server_token",
// "github_refresh_token", "github_fine_grained_token", "slack_token",
// "slack_webhook", "private_key", "jwt".
std::optional<DetectorFinding> ConfirmSecret(std::string_view text, Span span);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_SECRET_H_
