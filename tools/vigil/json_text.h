// json_text.h — the little text handling the tool does itself: writing JSON
// strings (the error records) and finding invalid UTF-8 (to say where a
// rejected line went wrong, and to still recover its "id").
#ifndef VIGIL_TOOLS_VIGIL_JSON_TEXT_H_
#define VIGIL_TOOLS_VIGIL_JSON_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vigil::cli {

// Appends `text` as a JSON string literal, quotes included. Bytes that are not
// valid UTF-8 become U+FFFD, so the output is always valid JSON.
void AppendJsonString(std::string* out, std::string_view text);

// The byte offset of the first byte of `text` that does not start a valid
// UTF-8 sequence (overlong forms, surrogates and code points past U+10FFFF
// are invalid), or std::string_view::npos when all of it is valid.
size_t FindInvalidUtf8(std::string_view text);

// Replaces each byte of an invalid sequence with '?', keeping every offset.
void ReplaceInvalidUtf8(std::string* text);

// One output record for a line that could not be classified:
// {"line": N, "id": "...", "error": "...", "message": "..."} and a newline.
// `id` is left out when `has_id` is false.
void AppendErrorRecord(std::string* out, uint64_t line, bool has_id, std::string_view id,
                       std::string_view error, std::string_view message);

}  // namespace vigil::cli

#endif  // VIGIL_TOOLS_VIGIL_JSON_TEXT_H_
