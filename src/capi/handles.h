// The structs behind the C ABI's opaque handles, and the translation of
// internal absl::Status values into the ABI's stable status codes.
#ifndef VIGIL_CAPI_HANDLES_H_
#define VIGIL_CAPI_HANDLES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "compile/engine.h"
#include "decide/decider.h"
#include "decide/rule_tests.h"
#include "ruleset/diagnostics.h"
#include "vigil/vigil.h"

struct vigil_engine {
  std::unique_ptr<vigil::Engine> engine;
};

struct vigil_scanner {
  std::unique_ptr<vigil::Classifier> classifier;
  std::string last_error;
};

// vigil_verdict is vigil::Verdict; the C API casts between the two.

struct vigil_diagnostics {
  std::vector<vigil::Diagnostic> all;
  std::vector<std::string> formatted;
  size_t error_count = 0;
};

struct vigil_test_report {
  std::vector<vigil::RuleTestResult> results;
  size_t failed = 0;
};

namespace vigil {

// The phase a Status came from decides what its code means.
enum class StatusContext { kCompile, kLoad, kClassify, kIo };

int ToVigilStatus(const absl::Status& status, StatusContext context);

// Moves `diags` (and, when it is not covered by them, `status`'s message)
// into a new vigil_diagnostics for the caller. Never throws.
vigil_diagnostics* MakeDiagnostics(const Diagnostics& diags, const absl::Status& status,
                                   const std::string& file);

}  // namespace vigil

#endif  // VIGIL_CAPI_HANDLES_H_
