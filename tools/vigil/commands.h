// commands.h — the subcommands of the `vigil` tool. Each takes the words
// after its name and returns the process exit code (handles.h).
#ifndef VIGIL_TOOLS_VIGIL_COMMANDS_H_
#define VIGIL_TOOLS_VIGIL_COMMANDS_H_

#include <cstdio>
#include <string>
#include <string_view>

namespace vigil::cli {

int RunCheck(int argc, const char* const* argv);
int RunTest(int argc, const char* const* argv);
int RunCompile(int argc, const char* const* argv);
int RunClassify(int argc, const char* const* argv);
int RunExplain(int argc, const char* const* argv);

// Prints the usage of one subcommand, or of all of them when `command` is
// empty. False when there is no such subcommand.
bool PrintUsage(std::FILE* out, std::string_view command);

// Reports a bad command line on stderr and returns the usage exit code.
int UsageError(std::string_view command, const std::string& message);

}  // namespace vigil::cli

#endif  // VIGIL_TOOLS_VIGIL_COMMANDS_H_
