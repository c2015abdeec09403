// engine_source.h — getting an engine for a subcommand: compile a ruleset
// (--rules) or load a compiled engine (--engine), printing every diagnostic.
#ifndef VIGIL_TOOLS_VIGIL_ENGINE_SOURCE_H_
#define VIGIL_TOOLS_VIGIL_ENGINE_SOURCE_H_

#include <cstddef>
#include <string>

#include "handles.h"

namespace vigil::cli {

struct EngineSource {
  std::string rules_path;   // compile this ruleset, or
  std::string engine_path;  // load this file written by `vigil compile`
  size_t max_post_bytes = 0;  // compile option; 0 = the library's default
};

// Compiles or loads the engine. Every diagnostic (warnings too) goes to
// stderr, one per line, as vigil_diagnostics_format prints it; on failure a
// last line names the status. Returns null on failure.
EnginePtr LoadEngine(const EngineSource& source, const char* command);

// Compiles `rules_path`, printing every diagnostic to stderr. On failure
// returns null and sets *status (VIGIL_E_RULESET, VIGIL_E_IO, ...) and
// *error_count (the number of errors among the diagnostics).
EnginePtr CompileRules(const std::string& rules_path, size_t max_post_bytes,
                       int* status, size_t* error_count);

// Prints every diagnostic of `diags` (which may be null) to stderr.
void PrintDiagnostics(const vigil_diagnostics* diags);

}  // namespace vigil::cli

#endif  // VIGIL_TOOLS_VIGIL_ENGINE_SOURCE_H_
