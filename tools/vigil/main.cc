// main.cc — `vigil`, the command-line tool of the Vigil moderation library:
// check, test and compile rulesets, classify JSONL streams of posts, and
// explain a verdict. See docs/CLI.md. Only <vigil/vigil.h> is used.
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "commands.h"
#include "handles.h"
#include "vigil/vigil.h"

namespace vigil::cli {
namespace {

struct Usage {
  std::string_view command;
  const char* text;
};

constexpr Usage kUsages[] = {
    {"check",
     "vigil check RULES...\n"
     "  Compile each ruleset and print every problem as\n"
     "  file:line:col: error: message [rule id] on stderr. Prints\n"
     "  \"RULES: ok, N rules\" for a ruleset that compiles.\n"
     "  Exit 0 when all compile, 1 when one has errors.\n"},
    {"test",
     "vigil test RULES...\n"
     "  Compile each ruleset and run the `tests:` examples of its rules. One\n"
     "  line per rule: PASS id (n examples), SKIP id (no examples) or FAIL id\n"
     "  followed by each failing example (file:line: what was expected, why\n"
     "  not). Last line: \"N passed, M failed\", counting examples.\n"
     "  Exit 0 when all pass, 1 on a failure or a compile error.\n"},
    {"classify",
     "vigil classify (--rules RULES | --engine FILE) [options] < posts.jsonl\n"
     "  Read one JSON post per line on stdin; write one JSON line per post on\n"
     "  stdout, in input order: the verdict, or an error record\n"
     "  {\"line\": N, \"id\": ..., \"error\": KIND, \"message\": ...}. Blank lines\n"
     "  are skipped (but counted in line numbers). A summary goes to stderr.\n"
     "  --rules RULES         compile this ruleset\n"
     "  --engine FILE         load an engine written by `vigil compile`\n"
     "  -j, --threads N       classify on N threads (0 = one per core; default 1)\n"
     "  --summary-only        write no records, only the summary\n"
     "  --no-summary          do not print the summary\n"
     "  --batch-lines N       lines handed to a thread at a time (default 1024)\n"
     "  --max-line-bytes N    longer lines get a line_too_long record\n"
     "                        (default 16777216)\n"
     "  --max-post-bytes N    with --rules: largest post classified (default\n"
     "                        1048576, the library's)\n"
     "  Exit 0 when the stream was processed (even with error records),\n"
     "  1 when the engine could not be loaded or I/O failed, 2 on usage error.\n"},
    {"explain",
     "vigil explain (--rules RULES | --engine FILE) [--title T] [--author-trust N]\n"
     "              [--channel C] TEXT\n"
     "  Classify TEXT as a post body (- reads it from stdin) and explain the\n"
     "  verdict: the action, each rule that fired with its guideline, category,\n"
     "  severity, matches (text, field, byte span) and escalations, the message\n"
     "  to the author, the censored text and the dry-run hits.\n"},
    {"compile",
     "vigil compile RULES -o FILE [--max-post-bytes N]\n"
     "  Compile a ruleset into one engine file for `classify --engine`\n"
     "  (same platform and library version). Exit 1 if it does not compile.\n"},
    {"help",
     "vigil help [SUBCOMMAND]    (also: vigil --help, vigil SUBCOMMAND --help)\n"
     "vigil --version\n"},
};

void PrintVersion() {
  std::printf("vigil %d.%d.%d (library %s)\n", VIGIL_VERSION_MAJOR, VIGIL_VERSION_MINOR,
              VIGIL_VERSION_PATCH, vigil_version_string());
}

}  // namespace

bool PrintUsage(std::FILE* out, std::string_view command) {
  if (command.empty()) {
    std::fprintf(out,
                 "vigil — moderation rules for communities, from the command line.\n\n"
                 "Usage:\n");
    for (const Usage& usage : kUsages) std::fprintf(out, "\n%s", usage.text);
    std::fprintf(out,
                 "\nExit codes: 0 success, 1 failure (rules do not compile, tests fail,\n"
                 "engine not loaded, I/O error), 2 usage error. See docs/CLI.md.\n");
    return true;
  }
  for (const Usage& usage : kUsages) {
    if (usage.command == command) {
      std::fprintf(out, "Usage: %s", usage.text);
      return true;
    }
  }
  return false;
}

int UsageError(std::string_view command, const std::string& message) {
  std::fprintf(stderr, "vigil %.*s: %s\n", static_cast<int>(command.size()), command.data(),
               message.c_str());
  std::fprintf(stderr, "Run 'vigil help %.*s' for usage.\n", static_cast<int>(command.size()),
               command.data());
  return kExitUsage;
}

}  // namespace vigil::cli

int main(int argc, char** argv) {
  using namespace vigil::cli;
  if (argc < 2) {
    PrintUsage(stderr, "");
    return kExitUsage;
  }
  const std::string_view command = argv[1];
  const int rest_argc = argc - 2;
  const char* const* rest = argv + 2;
  if (command == "--version" || command == "version") {
    PrintVersion();
    return kExitOk;
  }
  if (command == "help" || command == "--help" || command == "-h") {
    const std::string_view topic = argc > 2 ? std::string_view(argv[2]) : std::string_view();
    if (!PrintUsage(stdout, topic)) {
      std::fprintf(stderr, "vigil help: no subcommand '%s'\n", argv[2]);
      return kExitUsage;
    }
    return kExitOk;
  }
  if (command == "check") return RunCheck(rest_argc, rest);
  if (command == "test") return RunTest(rest_argc, rest);
  if (command == "compile") return RunCompile(rest_argc, rest);
  if (command == "classify") return RunClassify(rest_argc, rest);
  if (command == "explain") return RunExplain(rest_argc, rest);
  std::fprintf(stderr, "vigil: unknown subcommand '%s'\n", argv[1]);
  std::fprintf(stderr, "Run 'vigil help' for usage.\n");
  return kExitUsage;
}
