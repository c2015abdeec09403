// Unicode character classes the matcher needs, answered from ICU's
// properties: what counts as part of a word, and which scripts are written
// without spaces between words.
#ifndef VIGIL_COMMON_TEXT_H_
#define VIGIL_COMMON_TEXT_H_

#include <string>
#include <string_view>

namespace vigil {

// Letters, digits and combining marks of every script, and the connector
// punctuation of words ('_' is not: "f_ck" is two tokens to a reader).
bool IsWordCodePoint(char32_t c);

// Han, Hiragana, Katakana, Hangul syllables used without spaces, Thai, Lao,
// Khmer, Myanmar: where words are not delimited by spaces, so a listed word
// matches as a substring at that edge.
bool IsSpacelessScriptCodePoint(char32_t c);

// Whitespace trimmed from both ends (ASCII and Unicode White_Space).
std::string_view TrimWhitespace(std::string_view text);

// One line, at most `max_code_points` code points, control characters shown
// as spaces, "…" appended when cut. For reports and summaries.
std::string Abbreviate(std::string_view text, size_t max_code_points);

}  // namespace vigil

#endif  // VIGIL_COMMON_TEXT_H_
