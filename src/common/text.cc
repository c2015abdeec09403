#include "common/text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "common/utf8.h"

namespace vigil {

bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  const UChar32 u = static_cast<UChar32>(c);
  // Variation selectors are marks that style the character before them
  // (❤️); they do not join it to a word.
  if (u_hasBinaryProperty(u, UCHAR_VARIATION_SELECTOR)) return false;
  if (u_hasBinaryProperty(u, UCHAR_ALPHABETIC)) return true;
  const int8_t type = u_charType(u);
  return type == U_DECIMAL_DIGIT_NUMBER || type == U_NON_SPACING_MARK ||
         type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK ||
         type == U_OTHER_NUMBER || type == U_LETTER_NUMBER;
}

bool IsSpacelessScriptCodePoint(char32_t c) {
  if (c < 0x0E00) return false;  // nothing below Thai
  // Hangul is written with spaces, but particles attach to the word (이
  // 바보야), so a listed word must match inside a space-delimited unit.
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  if (U_FAILURE(status)) return false;
  switch (script) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
      return true;
    case USCRIPT_COMMON:
      // The prolonged sound mark and iteration marks sit inside Japanese words.
      return c == 0x30FC || c == 0x3005;
    default:
      return false;
  }
}

std::string_view TrimWhitespace(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end) {
    size_t next;
    const char32_t c = DecodeUtf8At(text, begin, &next);
    if (!u_isUWhiteSpace(static_cast<UChar32>(c))) break;
    begin = next;
  }
  while (end > begin) {
    size_t start;
    const char32_t c = DecodeUtf8Before(text, end, &start);
    if (!u_isUWhiteSpace(static_cast<UChar32>(c))) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

std::string Abbreviate(std::string_view text, size_t max_code_points) {
  std::string out;
  size_t pos = 0, count = 0;
  while (pos < text.size()) {
    if (count == max_code_points) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    size_t next;
    const char32_t c = DecodeUtf8At(text, pos, &next);
    if (c < 0x20 || c == 0x7F) {
      out.push_back(' ');
    } else {
      out.append(text.substr(pos, next - pos));
    }
    pos = next;
    ++count;
  }
  return out;
}

}  // namespace vigil
