// args.h — the command-line parser of the `vigil` tool.
//
// A small parser of our own rather than absl flags: each subcommand has its
// own set of flags, flags and operands may be mixed in any order, and a bad
// command line must come back as a message (exit code 2), not abort the
// process. Accepted forms: `--name value`, `--name=value`, `-o value`,
// boolean `--name`, and `--` to end the flags.
//
//   static constexpr FlagSpec kFlags[] = {{"--rules", "", true}, {"--summary-only", "", false}};
//   std::string error;
//   std::optional<Args> args = Args::Parse(kFlags, argc, argv, &error);
//   if (!args) { /* usage error */ }
//   std::string_view rules = args->Value("--rules").value_or("");
#ifndef VIGIL_TOOLS_VIGIL_ARGS_H_
#define VIGIL_TOOLS_VIGIL_ARGS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::cli {

struct FlagSpec {
  std::string_view name;   // "--output"
  std::string_view alias;  // "-o", or "" for none
  bool takes_value;
};

class Args {
 public:
  // Parses `argv[0..argc)` (the words after the subcommand) against `flags`.
  // On a usage error returns nullopt and sets *error.
  static std::optional<Args> Parse(std::span<const FlagSpec> flags, int argc,
                                   const char* const* argv, std::string* error);

  bool Has(std::string_view name) const;
  // The value of the last occurrence of a flag that takes a value.
  std::optional<std::string_view> Value(std::string_view name) const;
  const std::vector<std::string_view>& operands() const { return operands_; }

 private:
  std::vector<std::pair<std::string_view, std::string_view>> flags_;
  std::vector<std::string_view> operands_;
};

// Strict decimal parsing for flag values: the whole text must be a number in
// range. On failure returns nullopt and sets *error naming `flag`.
std::optional<int64_t> ParseInt(std::string_view flag, std::string_view text,
                                int64_t min, int64_t max, std::string* error);

}  // namespace vigil::cli

#endif  // VIGIL_TOOLS_VIGIL_ARGS_H_
