#include "ruleset/diagnostics.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace vigil {

std::string Diagnostic::Format() const {
  std::string out = location.file.empty() ? std::string("<ruleset>") : location.file;
  if (location.line > 0) {
    absl::StrAppend(&out, ":", location.line);
    if (location.column > 0) absl::StrAppend(&out, ":", location.column);
  }
  absl::StrAppend(&out, is_error ? ": error: " : ": warning: ", message);
  if (!rule_id.empty()) absl::StrAppend(&out, " [", rule_id, "]");
  return out;
}

void Diagnostics::Error(SourceLocation location, std::string_view rule_id,
                        std::string message) {
  all_.push_back({true, std::move(location), std::string(rule_id), std::move(message)});
  ++error_count_;
}

void Diagnostics::Warning(SourceLocation location, std::string_view rule_id,
                          std::string message) {
  all_.push_back({false, std::move(location), std::string(rule_id), std::move(message)});
}

void Diagnostics::SortByLocation() {
  std::stable_sort(all_.begin(), all_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.location.file != b.location.file) return a.location.file < b.location.file;
    if (a.location.line != b.location.line) return a.location.line < b.location.line;
    return a.location.column < b.location.column;
  });
}

}  // namespace vigil
