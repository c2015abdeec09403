// json_text.cc — see json_text.h.
#include "json_text.h"

#include <charconv>

namespace vigil::cli {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if invalid
// (Unicode Table 3-7, "well-formed UTF-8 byte sequences").
size_t ValidSequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t length = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

}  // namespace

size_t FindInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = ValidSequenceLength(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

void ReplaceInvalidUtf8(std::string* text) {
  for (size_t i = 0; i < text->size();) {
    size_t length = ValidSequenceLength(*text, i);
    if (length == 0) {
      (*text)[i] = '?';
      length = 1;
    }
    i += length;
  }
}

void AppendJsonString(std::string* out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t length = ValidSequenceLength(text, i);
      if (length == 0) {
        out->append("\xEF\xBF\xBD");  // U+FFFD
        ++i;
      } else {
        out->append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

void AppendErrorRecord(std::string* out, uint64_t line, bool has_id, std::string_view id,
                       std::string_view error, std::string_view message) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, line);
  out->append("{\"line\": ");
  out->append(digits, end);
  if (has_id) {
    out->append(", \"id\": ");
    AppendJsonString(out, id);
  }
  out->append(", \"error\": ");
  AppendJsonString(out, error);
  out->append(", \"message\": ");
  AppendJsonString(out, message);
  out->append("}\n");
}

}  // namespace vigil::cli
