// internal_engine.h — the internal Engine the stage benchmarks (bench_scan,
// bench_stages, bench_baselines) compile from a ruleset file, or the
// program stops with the ruleset's diagnostics.
#ifndef VIGIL_BENCH_INTERNAL_ENGINE_H_
#define VIGIL_BENCH_INTERNAL_ENGINE_H_

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "compile/engine.h"
#include "ruleset/diagnostics.h"
#include "ruleset/source.h"

namespace vigil::bench {

inline std::unique_ptr<Engine> CompileEngineOrExit(const std::string& path, const char* program) {
  Diagnostics diags;
  auto engine = Engine::Compile(path, SourceSet::FromDisk(), EngineOptions{}, &diags);
  if (!engine.ok()) {
    std::fprintf(stderr, "%s: %s: %s\n", program, path.c_str(),
                 std::string(engine.status().message()).c_str());
    for (const Diagnostic& d : diags.all()) std::fprintf(stderr, "  %s\n", d.Format().c_str());
    std::exit(1);
  }
  return std::move(*engine);
}

}  // namespace vigil::bench

#endif  // VIGIL_BENCH_INTERNAL_ENGINE_H_
