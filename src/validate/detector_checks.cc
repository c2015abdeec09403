#include "validate/detector_checks.h"

#include <unicode/uscript.h>

#include <algorithm>
#include <array>

#include "common/text.h"
#include "common/utf8.h"
#include "validate/pii_card.h"
#include "validate/pii_context.h"
#include "validate/pii_crypto.h"
#include "validate/pii_iban.h"
#include "validate/pii_ip.h"
#include "validate/pii_national_id.h"
#include "validate/pii_phone.h"
#include "validate/pii_secret.h"

namespace vigil {
namespace {

// An address or a link in the text is what it looks like.
constexpr double kEmailConfidence = 0.9;
constexpr double kUrlConfidence = 0.9;
// A ten-digit number that is both a valid Iranian id and a valid NHS
// number, in Latin-script text: more likely the NHS number.
constexpr double kNhsAmbiguityFactor = 0.8;

bool IsWordBefore(std::string_view text, size_t pos) {
  return pos > 0 && IsWordCodePoint(DecodeUtf8Before(text, pos));
}
bool IsWordAfter(std::string_view text, size_t pos) {
  return pos < text.size() && IsWordCodePoint(DecodeUtf8At(text, pos));
}

// File names look like addresses: logo@2x.png is an image, not a mailbox.
constexpr std::string_view kFileExtensions[] = {
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "css",
    "js",  "json", "txt", "pdf", "zip", "gz",  "tar", "mp4", "mp3"};

std::optional<DetectorFinding> ConfirmEmail(std::string_view text, Span span,
                                            const DetectorTables& tables) {
  std::string_view s = text.substr(span.start, span.end - span.start);
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0) return std::nullopt;
  std::string_view local = s.substr(0, at);
  std::string_view domain = s.substr(at + 1);
  if (local.front() == '.' || local.back() == '.') return std::nullopt;
  if (local.find("..") != std::string_view::npos) return std::nullopt;
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view tld_text = domain.substr(dot + 1);
  std::array<char, 24> tld;
  if (tld_text.size() > tld.size()) return std::nullopt;
  for (size_t i = 0; i < tld_text.size(); ++i) {
    const char c = tld_text[i];
    tld[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;
  }
  const std::string_view lower(tld.data(), tld_text.size());
  for (std::string_view ext : kFileExtensions) {
    if (lower == ext) return std::nullopt;
  }
  if (lower.substr(0, 4) != "xn--" &&
      !tables.email_tlds.contains(absl::string_view(lower.data(), lower.size()))) {
    return std::nullopt;
  }
  // Glued to letters on the right ("a@b.comx" was cut at 24 letters): not it.
  if (IsWordAfter(text, span.end)) return std::nullopt;
  // git@github.com:owner/repo is an SSH remote, not a mailbox.
  if (span.end + 1 < text.size() && text[span.end] == ':' && text[span.end + 1] != ' ' &&
      text[span.end + 1] != '\n') {
    return std::nullopt;
  }
  return DetectorFinding{span, kEmailConfidence, ""};
}

std::optional<DetectorFinding> ConfirmUrl(std::string_view text, Span span) {
  // A link written in prose ends before the sentence's punctuation.
  while (span.end > span.start) {
    const char c = text[span.end - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
        c == '"') {
      --span.end;
    } else if (c == ')' || c == ']') {
      std::string_view s = text.substr(span.start, span.end - span.start);
      const char open = c == ')' ? '(' : '[';
      if (std::count(s.begin(), s.end(), open) >= std::count(s.begin(), s.end(), c)) break;
      --span.end;
    } else {
      break;
    }
  }
  std::string_view s = text.substr(span.start, span.end - span.start);
  const size_t scheme_end = s.find("://");
  // After "www." or the scheme; trimming may have eaten into "www." itself.
  const size_t rest_start = scheme_end == std::string_view::npos ? 4 : scheme_end + 3;
  const std::string_view rest = s.size() > rest_start ? s.substr(rest_start) : std::string_view();
  if (rest.empty() || IsWordBefore(text, span.start)) return std::nullopt;
  return DetectorFinding{span, kUrlConfidence, ""};
}

std::optional<DetectorFinding> Validate(DetectorKind kind, std::string_view text, Span span,
                                        const DetectorTables& tables, int script) {
  switch (kind) {
    case DetectorKind::kEmail:
      return ConfirmEmail(text, span, tables);
    case DetectorKind::kUrl:
      return ConfirmUrl(text, span);
    case DetectorKind::kPhone:
      return ConfirmPhone(text, span, tables, script);
    case DetectorKind::kCreditCard:
      return ConfirmCreditCard(text, span, tables);
    case DetectorKind::kIban:
      return ConfirmIban(text, span, tables);
    case DetectorKind::kUsSsn:
      return ConfirmUsSsn(text, span);
    case DetectorKind::kCnResidentId:
      return ConfirmCnResidentId(text, span, tables);
    case DetectorKind::kIrNationalId: {
      std::optional<DetectorFinding> f = ConfirmIrNationalId(text, span);
      if (f && script == USCRIPT_LATIN) {
        std::array<char, 10> digits;
        size_t n = 0;
        for (size_t i = f->span.start; i < f->span.end && n < digits.size(); ++i) {
          if (text[i] >= '0' && text[i] <= '9') digits[n++] = text[i];
        }
        if (NhsNumberValid({digits.data(), n})) f->confidence *= kNhsAmbiguityFactor;
      }
      return f;
    }
    case DetectorKind::kIpAddress:
      return ConfirmIpAddress(text, span);
    case DetectorKind::kCryptoWallet:
      return ConfirmCryptoWallet(text, span);
    case DetectorKind::kSecret:
      return ConfirmSecret(text, span);
  }
  return std::nullopt;
}

}  // namespace

std::optional<DetectorFinding> ConfirmDetector(DetectorKind kind, std::string_view text,
                                               Span span, const DetectorTables& tables) {
  if (span.start >= span.end || span.end > text.size()) return std::nullopt;
  const int script = DominantScript(text, span);
  std::optional<DetectorFinding> finding = Validate(kind, text, span, tables, script);
  if (!finding) return std::nullopt;
  finding->confidence = ScoreContext(kind, text, finding->span, finding->subtype,
                                     finding->confidence, script, tables);
  return finding;
}

void FindDetectorFindings(DetectorKind kind, const RE2& finder, std::string_view text,
                          const DetectorTables& tables, std::vector<DetectorFinding>* out) {
  size_t pos = 0;
  re2::StringPiece match;
  const re2::StringPiece whole(text.data(), text.size());
  while (pos < text.size() &&
         finder.Match(whole, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
    const size_t start = static_cast<size_t>(match.data() - text.data());
    const size_t end = start + match.size();
    if (end == start) {
      DecodeUtf8At(text, start, &pos);
      continue;
    }
    std::optional<DetectorFinding> f = ConfirmDetector(kind, text, {start, end}, tables);
    if (f) {
      out->push_back(*f);
      pos = std::max(f->span.end, start + 1);
    } else {
      pos = end;
    }
    // Never resume inside a UTF-8 sequence.
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
}

bool ConfirmDetectorMatch(DetectorKind kind, std::string_view text, Span* span) {
  std::optional<DetectorFinding> f = ConfirmDetector(kind, text, *span, DefaultDetectorTables());
  if (!f || f->confidence < kDefaultMinConfidence) return false;
  *span = f->span;
  return true;
}

// Where the first link the url detector can find may begin: a link starts
// with "http://", "https://" or "www." in any case, and RE2's case folding
// reads "ſ" (two bytes) as "s", so no earlier than six bytes before the
// first "://", or at the first "www.". npos when there is neither. A
// memchr-speed check: most bodies have no link.
size_t FirstLinkCandidate(std::string_view text) {
  size_t first = text.find("://");
  if (first != std::string_view::npos) first = first >= 6 ? first - 6 : 0;
  const size_t limit = first == std::string_view::npos ? text.size() : first + 3;
  for (size_t pos = text.find('.'); pos != std::string_view::npos && pos < limit;
       pos = text.find('.', pos + 1)) {
    if (pos >= 3 && (text[pos - 3] | 0x20) == 'w' && (text[pos - 2] | 0x20) == 'w' &&
        (text[pos - 1] | 0x20) == 'w') {
      return pos - 3;
    }
  }
  return first;
}

void FindLinks(const RE2& finder, std::string_view text, std::vector<Span>* out) {
  const size_t first = FirstLinkCandidate(text);
  if (first == std::string_view::npos) return;
  const size_t kept = out->size();
  FindAllSpans(finder, text, out, first);
  size_t write = kept;
  for (size_t i = kept; i < out->size(); ++i) {
    Span span = (*out)[i];
    if (ConfirmDetectorMatch(DetectorKind::kUrl, text, &span)) (*out)[write++] = span;
  }
  out->resize(write);
}

}  // namespace vigil
