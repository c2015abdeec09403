// args.cc — see args.h.
#include "args.h"

#include <charconv>

namespace vigil::cli {
namespace {

const FlagSpec* FindFlag(std::span<const FlagSpec> flags, std::string_view word) {
  for (const FlagSpec& flag : flags) {
    if (word == flag.name || (!flag.alias.empty() && word == flag.alias)) return &flag;
  }
  return nullptr;
}

}  // namespace

std::optional<Args> Args::Parse(std::span<const FlagSpec> flags, int argc,
                                const char* const* argv, std::string* error) {
  Args args;
  bool flags_ended = false;
  for (int i = 0; i < argc; ++i) {
    std::string_view word = argv[i];
    // "-" alone is an operand (conventionally: standard input).
    if (flags_ended || word.size() < 2 || word[0] != '-') {
      args.operands_.push_back(word);
      continue;
    }
    if (word == "--") {
      flags_ended = true;
      continue;
    }
    std::string_view name = word;
    std::optional<std::string_view> inline_value;
    if (size_t eq = word.find('='); word.starts_with("--") && eq != std::string_view::npos) {
      name = word.substr(0, eq);
      inline_value = word.substr(eq + 1);
    }
    const FlagSpec* flag = FindFlag(flags, name);
    if (flag == nullptr) {
      *error = "unknown option '" + std::string(name) + "'";
      return std::nullopt;
    }
    if (!flag->takes_value) {
      if (inline_value) {
        *error = "option '" + std::string(flag->name) + "' takes no value";
        return std::nullopt;
      }
      args.flags_.emplace_back(flag->name, std::string_view());
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= argc) {
        *error = "option '" + std::string(flag->name) + "' needs a value";
        return std::nullopt;
      }
      inline_value = argv[++i];
    }
    args.flags_.emplace_back(flag->name, *inline_value);
  }
  return args;
}

bool Args::Has(std::string_view name) const {
  for (const auto& [flag, value] : flags_) {
    if (flag == name) return true;
  }
  return false;
}

std::optional<std::string_view> Args::Value(std::string_view name) const {
  std::optional<std::string_view> found;
  for (const auto& [flag, value] : flags_) {
    if (flag == name) found = value;
  }
  return found;
}

std::optional<int64_t> ParseInt(std::string_view flag, std::string_view text,
                                int64_t min, int64_t max, std::string* error) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) {
    *error = "option '" + std::string(flag) + "' needs a whole number from " +
             std::to_string(min) + " to " + std::to_string(max) + ", not '" +
             std::string(text) + "'";
    return std::nullopt;
  }
  return value;
}

}  // namespace vigil::cli
