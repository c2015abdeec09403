// The compiled engine: an immutable ruleset with its Hyperscan database, RE2
// programs and lookup tables, shared by every thread that classifies.
//
//   Diagnostics diags;
//   absl::StatusOr<std::unique_ptr<Engine>> engine =
//       Engine::Compile("rules/community-default.yaml", SourceSet::FromDisk(), {}, &diags);
//
// Nothing in an Engine changes after construction, so any number of threads
// may read it at once; per-thread state lives in scan/ and decide/.
#ifndef VIGIL_COMPILE_ENGINE_H_
#define VIGIL_COMPILE_ENGINE_H_

#include <hs/hs.h>
#include <re2/re2.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compile/detectors.h"
#include "compile/pattern_set.h"
#include "ruleset/diagnostics.h"
#include "ruleset/model.h"
#include "ruleset/source.h"

namespace vigil {

// Limits; see vigil_compile_options for their meaning. 0 never reaches here:
// the C API fills defaults.
struct EngineOptions {
  size_t max_post_bytes = 1u << 20;
  size_t max_patterns = 1000000;
  size_t max_regex_bytes = 16384;
  int64_t re2_max_mem = 8 << 20;
  size_t max_database_bytes = size_t{1} << 30;
  bool truncate_long_posts = false;
};

// What a rule needs at scan time beyond the Ruleset's description of it.
struct CompiledRule {
  // kRegex: one per regex; kDetect: the detector's span finder.
  std::vector<std::unique_ptr<RE2>> span_finders;
  const DetectorSpec* detector = nullptr;
  // For vigil_hit::escalations: the ids, as C strings owned by the Ruleset.
  std::vector<const char*> escalation_ids;
  // Indexes into Engine::escalations(), which is ordered most urgent first.
  std::vector<uint32_t> escalation_ranks;
  bool has_conditions = false;
};

class Engine {
 public:
  // Reads and compiles the ruleset at `path`. On error returns
  // InvalidArgument (details in `diags`).
  static absl::StatusOr<std::unique_ptr<Engine>> Compile(const std::string& path,
                                                         SourceSet sources,
                                                         const EngineOptions& options,
                                                         Diagnostics* diags);

  // What a compiled file stores besides the ruleset's sources: the pattern
  // table as compiled (without databases) and each view's serialized
  // database (empty when the view has none). Storing the table rather than
  // rebuilding it from the sources halves the load time of large rulesets
  // (every term would go through its view's transformation again).
  struct Stored {
    PatternSet patterns;
    std::array<std::string_view, kViewCount> databases;
  };

  // Rebuilds an engine from the parts a compiled file stores. Errors:
  // DataLoss when the stored table does not fit the ruleset, as for
  // DeserializeEngine.
  static absl::StatusOr<std::unique_ptr<Engine>> Restore(const std::string& path,
                                                         SourceSet sources,
                                                         const EngineOptions& options,
                                                         Stored stored, Diagnostics* diags);

  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Ruleset& ruleset() const { return ruleset_; }
  const EngineOptions& options() const { return options_; }
  const std::string& path() const { return path_; }
  const std::map<std::string, std::string>& sources() const { return sources_; }
  const PatternSet& patterns() const { return patterns_; }
  const CompiledRule& compiled_rule(size_t i) const { return compiled_[i]; }
  // Escalations ordered by priority (most urgent first), then declaration.
  const std::vector<vigil_escalation>& escalations() const { return escalation_table_; }
  // The database of `view`; null when no pattern of it runs in Hyperscan.
  const hs_database_t* database(ViewKind view) const {
    return patterns_.views[static_cast<int>(view)].database.get();
  }
  // A scratch to clone per thread; never scanned with directly.
  const hs_scratch_t* prototype_scratch() const { return prototype_scratch_; }
  // Finds links in a body when a post gives none; null if no rule reads links.
  const RE2* link_finder() const { return link_finder_.get(); }
  // 1 for each rule that applies to every post (no when/unless).
  const std::vector<uint8_t>& unconditional() const { return unconditional_; }
  // The fields (bit 1 << vigil_field) some rule reads on `view`: a field's
  // view is built and scanned only when some rule reads it there.
  uint32_t view_fields(ViewKind view) const { return view_fields_[static_cast<int>(view)]; }

 private:
  Engine() = default;
  static absl::StatusOr<std::unique_ptr<Engine>> Build(
      const std::string& path, SourceSet sources, const EngineOptions& options,
      Stored* stored, Diagnostics* diags);
  absl::Status RestorePatterns(Stored* stored);
  bool CompileRules(Diagnostics* diags);
  void BuildTables();

  std::string path_;
  std::map<std::string, std::string> sources_;
  EngineOptions options_;
  Ruleset ruleset_;
  PatternSet patterns_;
  hs_scratch_t* prototype_scratch_ = nullptr;
  std::vector<CompiledRule> compiled_;
  std::vector<vigil_escalation> escalation_table_;
  std::unique_ptr<RE2> link_finder_;
  std::vector<uint8_t> unconditional_;
  std::array<uint32_t, kViewCount> view_fields_{};
};

}  // namespace vigil

#endif  // VIGIL_COMPILE_ENGINE_H_
