// cmd_check.cc — the subcommands for people who write rulesets:
// `vigil check` (does it compile?), `vigil test` (do its rules' own `tests:`
// examples pass?) and `vigil compile` (write the engine file to ship).
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "args.h"
#include "commands.h"
#include "engine_source.h"
#include "handles.h"
#include "json_text.h"

namespace vigil::cli {
namespace {

constexpr FlagSpec kHelpFlag[] = {{"--help", "-h", false}};

const char* Plural(size_t n, const char* one, const char* many) { return n == 1 ? one : many; }

// Compiles one ruleset for check/test, printing its diagnostics and, when it
// does not compile, a last line saying how many errors it has.
EnginePtr CompileForCommand(const std::string& path, size_t max_post_bytes,
                            const char* command) {
  int status = VIGIL_OK;
  size_t errors = 0;
  EnginePtr engine = CompileRules(path, max_post_bytes, &status, &errors);
  if (engine != nullptr) return engine;
  if (errors > 0) {
    std::fprintf(stderr, "%s: %zu %s\n", path.c_str(), errors, Plural(errors, "error", "errors"));
  } else {
    std::fprintf(stderr, "vigil %s: cannot compile %s: %s (%s)\n", command, path.c_str(),
                 vigil_status_name(status), vigil_status_describe(status));
  }
  return nullptr;
}

}  // namespace

int RunCheck(int argc, const char* const* argv) {
  std::string error;
  std::optional<Args> args = Args::Parse(kHelpFlag, argc, argv, &error);
  if (!args) return UsageError("check", error);
  if (args->Has("--help")) {
    PrintUsage(stdout, "check");
    return kExitOk;
  }
  if (args->operands().empty()) return UsageError("check", "give the ruleset to check");
  int exit_code = kExitOk;
  for (std::string_view operand : args->operands()) {
    const std::string path(operand);
    EnginePtr engine = CompileForCommand(path, 0, "check");
    if (engine == nullptr) {
      exit_code = kExitFailure;
      continue;
    }
    const size_t rules = vigil_engine_rule_count(engine.get());
    std::printf("%s: ok, %zu %s\n", path.c_str(), rules, Plural(rules, "rule", "rules"));
  }
  return exit_code;
}

int RunTest(int argc, const char* const* argv) {
  std::string error;
  std::optional<Args> args = Args::Parse(kHelpFlag, argc, argv, &error);
  if (!args) return UsageError("test", error);
  if (args->Has("--help")) {
    PrintUsage(stdout, "test");
    return kExitOk;
  }
  if (args->operands().empty()) return UsageError("test", "give the ruleset to test");

  size_t passed = 0;
  size_t failed = 0;
  bool compile_failed = false;
  for (std::string_view operand : args->operands()) {
    const std::string path(operand);
    EnginePtr engine = CompileForCommand(path, 0, "test");
    if (engine == nullptr) {
      compile_failed = true;
      continue;
    }
    vigil_test_report* raw_report = nullptr;
    int status = vigil_engine_run_tests(engine.get(), &raw_report);
    TestReportPtr report(raw_report);
    if (status != VIGIL_OK || report == nullptr) {
      std::fprintf(stderr, "vigil test: cannot run the tests of %s: %s (%s)\n", path.c_str(),
                   vigil_status_name(status == VIGIL_OK ? VIGIL_E_INTERNAL : status),
                   vigil_status_describe(status == VIGIL_OK ? VIGIL_E_INTERNAL : status));
      compile_failed = true;
      continue;
    }

    // Group the examples by rule, rules in the engine's order; a rule with
    // no examples is listed too, so a missing `tests:` block shows.
    std::vector<std::string> order;
    std::map<std::string, std::vector<size_t>> examples;
    for (size_t i = 0; i < vigil_engine_rule_count(engine.get()); ++i) {
      std::string id = OrEmpty(vigil_engine_rule_id(engine.get(), i));
      if (examples.try_emplace(id).second) order.push_back(id);
    }
    const size_t count = vigil_test_report_count(report.get());
    for (size_t i = 0; i < count; ++i) {
      std::string id = OrEmpty(vigil_test_report_rule_id(report.get(), i));
      auto [it, inserted] = examples.try_emplace(id);
      if (inserted) order.push_back(id);
      it->second.push_back(i);
    }

    for (const std::string& id : order) {
      const std::vector<size_t>& indexes = examples[id];
      if (indexes.empty()) {
        std::printf("SKIP %s (no examples)\n", id.c_str());
        continue;
      }
      size_t rule_failed = 0;
      for (size_t i : indexes) rule_failed += vigil_test_report_passed(report.get(), i) ? 0 : 1;
      passed += indexes.size() - rule_failed;
      failed += rule_failed;
      if (rule_failed == 0) {
        std::printf("PASS %s (%zu %s)\n", id.c_str(), indexes.size(),
                    Plural(indexes.size(), "example", "examples"));
        continue;
      }
      std::printf("FAIL %s\n", id.c_str());
      for (size_t i : indexes) {
        if (vigil_test_report_passed(report.get(), i)) continue;
        std::string example;
        AppendJsonString(&example, OrEmpty(vigil_test_report_example(report.get(), i)));
        std::printf("  %s:%u: %s example %s: %s\n", OrEmpty(vigil_test_report_file(report.get(), i)),
                    static_cast<unsigned>(vigil_test_report_line(report.get(), i)),
                    vigil_test_report_expects_match(report.get(), i) ? "match" : "no_match",
                    example.c_str(), OrEmpty(vigil_test_report_detail(report.get(), i)));
      }
    }
  }
  std::printf("%zu passed, %zu failed\n", passed, failed);
  return compile_failed || failed > 0 ? kExitFailure : kExitOk;
}

int RunCompile(int argc, const char* const* argv) {
  static constexpr FlagSpec kFlags[] = {
      {"--output", "-o", true}, {"--max-post-bytes", "", true}, {"--help", "-h", false}};
  std::string error;
  std::optional<Args> args = Args::Parse(kFlags, argc, argv, &error);
  if (!args) return UsageError("compile", error);
  if (args->Has("--help")) {
    PrintUsage(stdout, "compile");
    return kExitOk;
  }
  if (args->operands().size() != 1) return UsageError("compile", "give one ruleset to compile");
  const std::string output(args->Value("--output").value_or(""));
  if (output.empty()) return UsageError("compile", "give the file to write with -o FILE");
  size_t max_post_bytes = 0;
  if (auto value = args->Value("--max-post-bytes")) {
    auto bytes = ParseInt("--max-post-bytes", *value, 1, int64_t{1} << 32, &error);
    if (!bytes) return UsageError("compile", error);
    max_post_bytes = static_cast<size_t>(*bytes);
  }

  const std::string path(args->operands()[0]);
  EnginePtr engine = CompileForCommand(path, max_post_bytes, "compile");
  if (engine == nullptr) return kExitFailure;
  vigil_diagnostics* raw_diags = nullptr;
  int status = vigil_engine_save(engine.get(), output.c_str(), &raw_diags);
  DiagnosticsPtr diags(raw_diags);
  PrintDiagnostics(diags.get());
  if (status != VIGIL_OK) {
    std::fprintf(stderr, "vigil compile: cannot write %s: %s (%s)\n", output.c_str(),
                 vigil_status_name(status), vigil_status_describe(status));
    return kExitFailure;
  }
  std::error_code size_error;
  const auto bytes = std::filesystem::file_size(output, size_error);
  const size_t rules = vigil_engine_rule_count(engine.get());
  std::printf("%s: compiled %zu %s into %s", path.c_str(), rules, Plural(rules, "rule", "rules"),
              output.c_str());
  if (!size_error) std::printf(" (%ju bytes)", static_cast<uintmax_t>(bytes));
  std::printf("\n");
  return kExitOk;
}

}  // namespace vigil::cli
