// post_json.h — one line of JSON into a vigil_post (the format is at the end
// of docs/RULESET-SPEC-DRAFT.md and in docs/CLI.md):
//
//   {"id": "p1" | 17, "title": "...", "body": "...", "links": ["..."],
//    "author": {"id", "name", "trust_level", "account_age_days", "post_count",
//               "roles": ["..."]},
//    "channel": "...", "lang": "..."}
//
// Every field is optional and may be null (= absent); unknown fields are
// ignored; a field of the wrong type rejects the post, naming the field.
// One parser per thread: the post it fills points into the parser's buffers
// and stays valid until the next Parse call on it.
#ifndef VIGIL_TOOLS_VIGIL_POST_JSON_H_
#define VIGIL_TOOLS_VIGIL_POST_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "vigil/vigil.h"

namespace vigil::cli {

// Error kinds of a rejected line, as written in the "error" of its record.
inline constexpr std::string_view kErrorMalformedJson = "malformed_json";
inline constexpr std::string_view kErrorInvalidPost = "invalid_post";
inline constexpr std::string_view kErrorInvalidUtf8 = "VIGIL_E_INVALID_UTF8";
inline constexpr std::string_view kErrorLineTooLong = "line_too_long";

struct PostError {
  std::string_view kind;  // one of the kError* above
  std::string message;
};

class JsonPostParser {
 public:
  // Fills *post from a JSON line (not empty). On failure returns false and
  // sets *error; id() may still be known.
  bool Parse(std::string_view line, vigil_post* post, PostError* error);

  // The post's id as text (a number id in its JSON spelling), when known.
  bool has_id() const { return has_id_; }
  std::string_view id() const { return id_; }

 private:
  bool ReadId(simdjson::dom::element value, const char* field, std::string* text,
              vigil_str* out, PostError* error);
  // After invalid UTF-8: parses a repaired copy only to learn the post's id.
  void RecoverId(std::string_view line);

  simdjson::dom::parser parser_;
  simdjson::dom::parser recovery_parser_;
  std::vector<vigil_str> links_;
  std::vector<vigil_str> roles_;
  std::string id_text_;         // a number id written as text
  std::string author_id_text_;  // likewise for author.id
  std::string repaired_;
  std::string_view id_;
  bool has_id_ = false;
};

}  // namespace vigil::cli

#endif  // VIGIL_TOOLS_VIGIL_POST_JSON_H_
