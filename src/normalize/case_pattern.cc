#include "normalize/case_pattern.h"

#include <hs/hs.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <vector>

#include "absl/strings/str_format.h"
#include "common/utf8.h"

namespace vigil {
namespace {

// The simple (one code point) case variants of c, c itself first.
std::vector<char32_t> CaseVariants(char32_t c) {
  const UChar32 u = static_cast<UChar32>(c);
  std::vector<char32_t> variants = {c};
  for (UChar32 v : {u_tolower(u), u_toupper(u), u_totitle(u), u_foldCase(u, U_FOLD_CASE_DEFAULT)}) {
    if (std::find(variants.begin(), variants.end(), static_cast<char32_t>(v)) ==
        variants.end()) {
      variants.push_back(static_cast<char32_t>(v));
    }
  }
  return variants;
}

}  // namespace

LiteralPattern BuildLiteralPattern(std::string_view term, bool case_sensitive, bool folded) {
  LiteralPattern pattern;
  if (!case_sensitive) pattern.flags |= HS_FLAG_CASELESS;
  size_t pos = 0;
  while (pos < term.size()) {
    size_t next;
    const char32_t c = DecodeUtf8At(term, pos, &next);
    ++pattern.code_points;
    if (c < 0x80) {
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        pattern.expression.push_back(static_cast<char>(c));
      } else {
        absl::StrAppendFormat(&pattern.expression, "\\x%02x", static_cast<unsigned>(c));
      }
    } else {
      // In UTF-8 mode "\xd1" would mean U+00D1, so non-ASCII characters go
      // into the expression as their own UTF-8 bytes.
      pattern.flags |= HS_FLAG_UTF8;
      std::vector<char32_t> variants =
          case_sensitive || folded ? std::vector<char32_t>{c} : CaseVariants(c);
      if (variants.size() == 1) {
        pattern.expression.append(term.substr(pos, next - pos));
      } else {
        pattern.expression.push_back('[');
        for (char32_t v : variants) {
          if (v < 0x80) {
            absl::StrAppendFormat(&pattern.expression, "\\x%02x", static_cast<unsigned>(v));
          } else {
            AppendUtf8(v, &pattern.expression);
          }
        }
        pattern.expression.push_back(']');
      }
    }
    pos = next;
  }
  return pattern;
}

}  // namespace vigil
