// Where ruleset text comes from. A SourceSet reads each file once, remembers
// every file it read (the compiled-engine file embeds them, so loading an
// engine re-reads exactly what was compiled), and can be preloaded from
// memory for in-memory rulesets and for engines being loaded.
#ifndef VIGIL_RULESET_SOURCE_H_
#define VIGIL_RULESET_SOURCE_H_

#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace vigil {

class SourceSet {
 public:
  // Reads from the file system what was not preloaded.
  static SourceSet FromDisk() { return SourceSet(true); }
  // Serves only preloaded files (an engine being loaded never touches disk).
  static SourceSet FromFiles(std::map<std::string, std::string> files);

  // Makes `content` the text of `path`.
  void Preload(std::string path, std::string content);

  // The text of `path`. Fails with NotFound / PermissionDenied / OutOfRange.
  absl::StatusOr<std::string_view> Read(const std::string& path);

  // Every file read or preloaded so far, by path.
  const std::map<std::string, std::string>& files() const { return files_; }

  // `relative` resolved against the folder of the file `from` (lexically:
  // "a/b.yaml" + "../lists/x.txt" -> "lists/x.txt").
  static std::string Resolve(std::string_view from, std::string_view relative);

 private:
  explicit SourceSet(bool disk) : disk_(disk) {}
  bool disk_;
  std::map<std::string, std::string> files_;
};

}  // namespace vigil

#endif  // VIGIL_RULESET_SOURCE_H_
