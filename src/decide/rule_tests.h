// Runs the `tests:` examples every rule carries: a `match` example passes
// when the rule fires on it (dry-run rules count), a `no_match` example when
// it does not. `vigil test` and the test suite both use this.
#ifndef VIGIL_DECIDE_RULE_TESTS_H_
#define VIGIL_DECIDE_RULE_TESTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compile/engine.h"

namespace vigil {

struct RuleTestResult {
  std::string rule_id;
  bool expect_match = true;
  bool passed = false;
  std::string example;  // one line, abbreviated
  SourceLocation location;
  std::string detail;   // why it failed
};

absl::StatusOr<std::vector<RuleTestResult>> RunRuleTests(const Engine& engine);

}  // namespace vigil

#endif  // VIGIL_DECIDE_RULE_TESTS_H_
