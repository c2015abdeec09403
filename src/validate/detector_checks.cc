#include "validate/detector_checks.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/ascii.h"
#include "common/strings.h"
#include "common/text.h"
#include "common/utf8.h"

namespace vigil {
namespace {

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

bool ConfirmEmail(std::string_view text, Span* span) {
  std::string_view s = text.substr(span->start, span->end - span->start);
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  std::string_view local = s.substr(0, at);
  std::string_view domain = s.substr(at + 1);
  if (local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string tld = absl::AsciiStrToLower(ToAbsl(domain.substr(dot + 1)));
  for (std::string_view ext : kFileExtensions) {
    if (tld == ext) return false;
  }
  // Glued to letters on the right ("a@b.comx" was cut at 24 letters): not it.
  return !IsWordAfter(text, span->end);
}

bool ConfirmUrl(std::string_view text, Span* span) {
  // A link written in prose ends before the sentence's punctuation.
  while (span->end > span->start) {
    const char c = text[span->end - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
        c == '"') {
      --span->end;
    } else if (c == ')' || c == ']') {
      std::string_view s = text.substr(span->start, span->end - span->start);
      const char open = c == ')' ? '(' : '[';
      if (std::count(s.begin(), s.end(), open) >= std::count(s.begin(), s.end(), c)) break;
      --span->end;
    } else {
      break;
    }
  }
  std::string_view s = text.substr(span->start, span->end - span->start);
  const size_t scheme_end = s.find("://");
  const std::string_view rest = scheme_end == std::string_view::npos ? s.substr(4)  // "www."
                                                                     : s.substr(scheme_end + 3);
  return !rest.empty() && !IsWordBefore(text, span->start);
}

// "2024-01-15 10" has ten digits; timestamps are not phone numbers.
bool LooksLikeDate(std::string_view s) {
  auto digit = [&](size_t i) { return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); };
  auto sep = [&](size_t i) { return i < s.size() && (s[i] == '-' || s[i] == '.' || s[i] == '/'); };
  // YYYY-MM-DD, or DD-MM-YYYY / MM/DD/YYYY.
  if (digit(0) && digit(1) && digit(2) && digit(3) && sep(4) && digit(5) && digit(6) && sep(7) &&
      digit(8) && digit(9)) {
    return true;
  }
  return digit(0) && digit(1) && sep(2) && digit(3) && digit(4) && sep(5) && digit(6) &&
         digit(7) && digit(8) && digit(9);
}

bool ConfirmPhone(std::string_view text, Span* span) {
  std::string_view s = text.substr(span->start, span->end - span->start);
  int digits = 0;
  bool plus = false, dots = false, other_separators = false;
  char first_digit = 0;
  bool all_same = true;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (!first_digit) first_digit = c;
      all_same = all_same && c == first_digit;
      ++digits;
    } else if (c == '+') {
      plus = true;
    } else if (c == '.') {
      dots = true;
    } else {
      other_separators = true;
    }
  }
  if (digits < (plus ? 8 : 9) || digits > 15 || all_same) return false;
  if (LooksLikeDate(s)) return false;
  // Dotted digit groups without '+' are versions and IP addresses.
  if (dots && !plus && !other_separators) return false;
  // Part of a longer number or word: an order id, a hash.
  return !IsWordBefore(text, span->start) && !IsWordAfter(text, span->end);
}

}  // namespace

bool ConfirmDetectorMatch(DetectorKind kind, std::string_view text, Span* span) {
  switch (kind) {
    case DetectorKind::kEmail:
      return ConfirmEmail(text, span);
    case DetectorKind::kUrl:
      return ConfirmUrl(text, span);
    case DetectorKind::kPhone:
      return ConfirmPhone(text, span);
  }
  return false;
}

}  // namespace vigil
