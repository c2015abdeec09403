// The structs behind the C ABI's opaque handles, and the translation of
// internal absl::Status values into the ABI's stable status codes.
#ifndef VIGIL_CAPI_HANDLES_H_
#define VIGIL_CAPI_HANDLES_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "compile/engine.h"
#include "decide/decider.h"
#include "decide/rule_tests.h"
#include "ruleset/diagnostics.h"
#include "vigil/vigil.h"

// Reference-counted so that an embedder can swap engines while other threads
// classify: the creator holds one reference, vigil_engine_retain adds one,
// every scanner holds one, and vigil_engine_free drops one. The engine is
// destroyed with its last reference. `references` is mutable because a scanner
// is created from a const vigil_engine*: counting is not a change of the
// engine that any reader can observe.
struct vigil_engine {
  std::unique_ptr<vigil::Engine> engine;
  mutable std::atomic<size_t> references{1};
};

struct vigil_scanner {
  const vigil_engine* owner;  // holds one reference, released after classifier
  std::unique_ptr<vigil::Classifier> classifier;
  std::string last_error;
};

namespace vigil {

// Adds a reference to `engine`, or drops one and destroys the engine with the
// last. Safe from any thread.
void RetainEngine(const vigil_engine* engine);
void ReleaseEngine(const vigil_engine* engine);

}  // namespace vigil

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
