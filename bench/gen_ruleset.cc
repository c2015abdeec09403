// gen_ruleset.cc — writes a generated large ruleset (ruleset_gen.h) to a
// folder, for `vigil check`, `vigil compile`, the benchmarks or other
// engines.
//
//   vigil_gen_ruleset --terms=100k --regexes=300 --seed=20261126 --out=/tmp/rs100k
//   vigil check /tmp/rs100k/ruleset.yaml
//
// Counts take a k suffix (100k = 100000). The folder is created if needed;
// files of an earlier run in it are overwritten. Prints the path of
// ruleset.yaml and what it holds.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "ruleset_gen.h"

namespace {

// "N" or "Nk"; false on anything else.
bool ParseCount(const std::string& text, uint64_t* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (end == text.c_str()) return false;
  uint64_t scale = 1;
  if (*end == 'k' || *end == 'K') {
    scale = 1000;
    ++end;
  }
  if (*end != '\0') return false;
  *out = value * scale;
  return true;
}

int Usage(const char* error) {
  std::fprintf(stderr,
               "vigil_gen_ruleset: %s\n"
               "usage: vigil_gen_ruleset --out=DIR [--terms=N] [--regexes=R] [--seed=S]\n"
               "  defaults: --terms=1000 --regexes=300 --seed=20261126\n",
               error);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  vigil::bench::RulesetGenOptions options;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    const std::string key = arg.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
    uint64_t n = 0;
    if (key == "--out" && !value.empty()) {
      out = value;
    } else if (key == "--terms" && ParseCount(value, &n)) {
      options.terms = n;
    } else if (key == "--regexes" && ParseCount(value, &n)) {
      options.regexes = n;
    } else if (key == "--seed" && ParseCount(value, &n)) {
      options.seed = n;
    } else {
      return Usage(("bad argument " + arg).c_str());
    }
  }
  if (out.empty()) return Usage("--out=DIR is required");
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::fprintf(stderr, "vigil_gen_ruleset: cannot create %s: %s\n", out.c_str(),
                 ec.message().c_str());
    return 1;
  }
  vigil::bench::RulesetGenStats stats;
  const std::string path = vigil::bench::WriteGeneratedRuleset(out, options, &stats);
  if (path.empty()) return 1;
  std::printf("%s: %zu rules, %zu list terms (en %zu, zh %zu, fa %zu), %zu regexes\n", path.c_str(),
              stats.rules, stats.terms, stats.terms_en, stats.terms_zh, stats.terms_fa,
              stats.regexes);
  return 0;
}
