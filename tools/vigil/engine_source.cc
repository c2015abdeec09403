// engine_source.cc — see engine_source.h.
#include "engine_source.h"

#include <cstdio>

namespace vigil::cli {

void PrintDiagnostics(const vigil_diagnostics* diags) {
  if (diags == nullptr) return;
  for (size_t i = 0; i < vigil_diagnostics_count(diags); ++i) {
    std::fprintf(stderr, "%s\n", vigil_diagnostics_format(diags, i));
  }
}

EnginePtr CompileRules(const std::string& rules_path, size_t max_post_bytes,
                       int* status, size_t* error_count) {
  vigil_compile_options options = VIGIL_COMPILE_OPTIONS_INIT;
  options.max_post_bytes = max_post_bytes;
  vigil_engine* engine = nullptr;
  vigil_diagnostics* raw_diags = nullptr;
  *status = vigil_engine_compile_file(rules_path.c_str(), &options, &engine, &raw_diags);
  DiagnosticsPtr diags(raw_diags);
  PrintDiagnostics(diags.get());
  *error_count = vigil_diagnostics_error_count(diags.get());
  EnginePtr result(engine);
  // Trust the status over the out pointer: a failed call must not hand us a
  // half-built engine, and a successful one must hand us one.
  if (*status != VIGIL_OK) return nullptr;
  if (result == nullptr) {
    *status = VIGIL_E_INTERNAL;
    return nullptr;
  }
  return result;
}

EnginePtr LoadEngine(const EngineSource& source, const char* command) {
  int status = VIGIL_OK;
  EnginePtr engine;
  const std::string* path = &source.rules_path;
  if (!source.rules_path.empty()) {
    size_t error_count = 0;
    engine = CompileRules(source.rules_path, source.max_post_bytes, &status, &error_count);
  } else {
    path = &source.engine_path;
    vigil_engine* raw = nullptr;
    vigil_diagnostics* raw_diags = nullptr;
    status = vigil_engine_load(source.engine_path.c_str(), &raw, &raw_diags);
    DiagnosticsPtr diags(raw_diags);
    PrintDiagnostics(diags.get());
    engine.reset(raw);
    if (status != VIGIL_OK) engine.reset();
    if (status == VIGIL_OK && engine == nullptr) status = VIGIL_E_INTERNAL;
  }
  if (engine == nullptr) {
    std::fprintf(stderr, "vigil %s: cannot load %s: %s (%s)\n", command, path->c_str(),
                 vigil_status_name(status), vigil_status_describe(status));
  }
  return engine;
}

}  // namespace vigil::cli
