// Renders a verdict as one line of JSON (the schema is docs/VERDICT.md).
// Written by hand into a reused buffer: it is on the CLI's per-post path.
#ifndef VIGIL_DECIDE_VERDICT_JSON_H_
#define VIGIL_DECIDE_VERDICT_JSON_H_

#include <string>
#include <string_view>

namespace vigil {

class Verdict;

// Replaces *out with the verdict's JSON (no trailing newline).
void WriteVerdictJson(const Verdict& verdict, std::string* out);

// Appends `s` as a JSON string literal (quotes included). `s` is valid UTF-8.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace vigil

#endif  // VIGIL_DECIDE_VERDICT_JSON_H_
