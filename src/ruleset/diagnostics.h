// Problems found while reading a ruleset or loading an engine, each with the
// file, line, column and rule id it belongs to. Every stage adds to one
// Diagnostics so that a community manager sees all problems at once.
//
//   Diagnostics diags;
//   diags.Error({"rules.yaml", 12, 5}, "respect.slurs", "unknown list 'slur'");
//   if (diags.has_errors()) ...
#ifndef VIGIL_RULESET_DIAGNOSTICS_H_
#define VIGIL_RULESET_DIAGNOSTICS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

// A place in a ruleset source file; line and column are 1-based, 0 = unknown.
struct SourceLocation {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
};

struct Diagnostic {
  bool is_error = true;
  SourceLocation location;
  std::string rule_id;
  std::string message;

  // "file:line:col: error: message [rule id]", as compilers print it.
  std::string Format() const;
};

class Diagnostics {
 public:
  void Error(SourceLocation location, std::string_view rule_id, std::string message);
  void Warning(SourceLocation location, std::string_view rule_id, std::string message);

  bool has_errors() const { return error_count_ > 0; }
  size_t error_count() const { return error_count_; }
  const std::vector<Diagnostic>& all() const { return all_; }

  // Orders diagnostics by file, line and column, keeping discovery order for
  // ties, so output is stable however the checks were organised.
  void SortByLocation();

 private:
  std::vector<Diagnostic> all_;
  size_t error_count_ = 0;
};

}  // namespace vigil

#endif  // VIGIL_RULESET_DIAGNOSTICS_H_
