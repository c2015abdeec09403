#include "ruleset/source.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace vigil {
namespace {

// A ruleset file (YAML or list) larger than this is certainly a mistake.
constexpr uintmax_t kMaxSourceFileBytes = 256u << 20;

}  // namespace

SourceSet SourceSet::FromFiles(std::map<std::string, std::string> files) {
  SourceSet set(false);
  set.files_ = std::move(files);
  return set;
}

void SourceSet::Preload(std::string path, std::string content) {
  files_[std::move(path)] = std::move(content);
}

absl::StatusOr<std::string_view> SourceSet::Read(const std::string& path) {
  if (auto it = files_.find(path); it != files_.end()) return std::string_view(it->second);
  if (!disk_) return absl::NotFoundError(absl::StrCat("file not found: ", path));
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return absl::NotFoundError(absl::StrCat("cannot read ", path, ": ", ec.message()));
  if (size > kMaxSourceFileBytes) {
    return absl::OutOfRangeError(absl::StrCat(path, " is larger than 256 MiB"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  std::ostringstream content;
  content << in.rdbuf();
  auto [it, inserted] = files_.emplace(path, std::move(content).str());
  return std::string_view(it->second);
}

std::string SourceSet::Resolve(std::string_view from, std::string_view relative) {
  std::filesystem::path rel(relative);
  if (rel.is_absolute()) return rel.lexically_normal().string();
  std::filesystem::path base = std::filesystem::path(from).parent_path();
  return (base / rel).lexically_normal().string();
}

}  // namespace vigil
