// UTF-8 validation (the table of well-formed byte sequences in Unicode 15,
// table 3-7) and decoding.
#include "common/utf8.h"

#include <simdjson.h>

namespace vigil {
namespace {

inline bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

bool IsValidUtf8(std::string_view text, size_t* error_offset) {
  // Almost every post is valid: simdjson says so at memory speed, and only
  // a refused text is read again, here, to find where it breaks (simdjson
  // does not say). Both follow Unicode's table 3-7; the tests hold them to
  // the same answers. Short strings (ids, names, tags: most of a post's
  // strings) are cheaper to read here than to hand to simdjson.
  constexpr size_t kShort = 64;
  if (text.size() >= kShort && simdjson::validate_utf8(text.data(), text.size())) return true;
  return IsValidUtf8Scalar(text, error_offset);
}

bool IsValidUtf8Scalar(std::string_view text, size_t* error_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      __builtin_memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char b = s[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;  // overlong
      if (b == 0xED) hi = 0x9F;  // surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;  // overlong
      if (b == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      if (error_offset) *error_offset = i;
      return false;
    }
    if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) {
      if (error_offset) *error_offset = i;
      return false;
    }
    for (size_t k = 2; k < len; ++k) {
      if (!IsContinuation(s[i + k])) {
        if (error_offset) *error_offset = i;
        return false;
      }
    }
    i += len;
  }
  return true;
}

char32_t DecodeUtf8Before(std::string_view text, size_t pos, size_t* start) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t begin = pos - 1;
  while (begin > 0 && IsContinuation(s[begin]) && pos - begin < 4) --begin;
  if (start) *start = begin;
  return DecodeUtf8At(text, begin);
}

size_t StepBackCodePoints(std::string_view text, size_t pos, size_t count) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  while (count > 0 && pos > 0) {
    --pos;
    while (pos > 0 && IsContinuation(s[pos])) --pos;
    --count;
  }
  return pos;
}

}  // namespace vigil
