// UTF-8 validation and decoding on raw byte strings.
//
// Posts arrive as bytes from strangers; every stage after this one assumes
// valid UTF-8 (Hyperscan's UTF-8 mode is undefined on invalid input), so the
// scanner validates each field first and reports where it is broken.
//
//   size_t bad;
//   if (!vigil::IsValidUtf8(text, &bad)) { /* text[bad] starts the problem */ }
#ifndef VIGIL_COMMON_UTF8_H_
#define VIGIL_COMMON_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vigil {

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, no
// code point above U+10FFFF, no truncated sequence). Otherwise false, and
// *error_offset (if not null) is the byte offset of the first bad sequence.
bool IsValidUtf8(std::string_view text, size_t* error_offset = nullptr);

// The same answer from our own byte-by-byte reading, which IsValidUtf8 uses
// only to find where a text it refused breaks (its fast check, simdjson's,
// does not say). Exposed for the test that holds the two together.
bool IsValidUtf8Scalar(std::string_view text, size_t* error_offset = nullptr);

// Decodes the code point that starts at text[pos] of valid UTF-8 and returns
// it; *next (if not null) receives the offset just past it. Inline: the
// views call it once per code point.
inline char32_t DecodeUtf8At(std::string_view text, size_t pos, size_t* next = nullptr) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char b = s[pos];
  char32_t c;
  size_t len;
  if (b < 0x80) {
    c = b;
    len = 1;
  } else if (b < 0xE0) {
    c = b & 0x1F;
    len = 2;
  } else if (b < 0xF0) {
    c = b & 0x0F;
    len = 3;
  } else {
    c = b & 0x07;
    len = 4;
  }
  if (pos + len > text.size()) len = text.size() - pos;  // defensive
  for (size_t k = 1; k < len; ++k) c = (c << 6) | (s[pos + k] & 0x3F);
  if (next) *next = pos + len;
  return c;
}

// Decodes the code point that ends just before text[pos] of valid UTF-8
// (pos > 0) and returns it; *start (if not null) receives its first byte.
char32_t DecodeUtf8Before(std::string_view text, size_t pos, size_t* start = nullptr);

// Offset of the start of the code point `count` code points before `pos`
// (clamped at 0).
size_t StepBackCodePoints(std::string_view text, size_t pos, size_t count);

// Appends the UTF-8 encoding of `c` to `out`.
template <typename String>
void AppendUtf8(char32_t c, String* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace vigil

#endif  // VIGIL_COMMON_UTF8_H_
