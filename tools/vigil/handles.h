// handles.h — owning smart pointers for the C API's handles, so every path
// out of a command releases what it took (`_free(NULL)` is allowed by the API).
#ifndef VIGIL_TOOLS_VIGIL_HANDLES_H_
#define VIGIL_TOOLS_VIGIL_HANDLES_H_

#include <memory>

#include "vigil/vigil.h"

namespace vigil::cli {

struct EngineFree {
  void operator()(vigil_engine* engine) const { vigil_engine_free(engine); }
};
struct ScannerFree {
  void operator()(vigil_scanner* scanner) const { vigil_scanner_free(scanner); }
};
struct DiagnosticsFree {
  void operator()(vigil_diagnostics* diags) const { vigil_diagnostics_free(diags); }
};
struct TestReportFree {
  void operator()(vigil_test_report* report) const { vigil_test_report_free(report); }
};

using EnginePtr = std::unique_ptr<vigil_engine, EngineFree>;
using ScannerPtr = std::unique_ptr<vigil_scanner, ScannerFree>;
using DiagnosticsPtr = std::unique_ptr<vigil_diagnostics, DiagnosticsFree>;
using TestReportPtr = std::unique_ptr<vigil_test_report, TestReportFree>;

// Strings the library hands out are never expected to be NULL, but a NULL
// must not crash a tool that prints them.
inline const char* OrEmpty(const char* text) { return text != nullptr ? text : ""; }

// Process exit codes, the same for every subcommand (docs/CLI.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // rules/engine not loaded, tests failed, I/O error
inline constexpr int kExitUsage = 2;    // bad command line

}  // namespace vigil::cli

#endif  // VIGIL_TOOLS_VIGIL_HANDLES_H_
