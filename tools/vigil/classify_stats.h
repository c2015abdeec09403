// classify_stats.h — the counts behind `vigil classify`'s summary. Each
// worker thread keeps its own ClassifyStats (no locking on the hot path);
// they are merged once at the end.
#ifndef VIGIL_TOOLS_VIGIL_CLASSIFY_STATS_H_
#define VIGIL_TOOLS_VIGIL_CLASSIFY_STATS_H_

#include <array>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "vigil/vigil.h"

namespace vigil::cli {

// Counts by name; looks names up without building a std::string.
class NameCounter {
 public:
  void Add(std::string_view name, uint64_t count = 1);
  void Merge(const NameCounter& other);
  bool empty() const { return counts_.empty(); }
  // "a 3, b 1": highest count first, then by name; "none" when empty.
  std::string Format() const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, uint64_t, Hash, std::equal_to<>> counts_;
};

struct ClassifyStats {
  uint64_t posts_read = 0;  // non-blank lines
  uint64_t classified = 0;
  uint64_t errors = 0;      // error records written
  std::array<uint64_t, VIGIL_ACTION_REJECT + 1> actions{};
  NameCounter categories;   // posts with at least one enforced hit of the category
  NameCounter escalations;  // posts escalated to the target
  NameCounter dry_run;      // posts a dry-run rule would have fired on, per rule
  NameCounter error_kinds;

  void AddVerdict(const vigil_verdict* verdict);
  void AddError(std::string_view kind);
  void Merge(const ClassifyStats& other);
};

struct ClassifyTiming {
  double load_seconds = 0;   // compiling or loading the engine
  double run_seconds = 0;    // reading, classifying and writing the stream
  uint64_t input_bytes = 0;  // bytes read from standard input
  uint64_t blank_lines = 0;
  int threads = 1;
};

// The end-of-run summary (docs/CLI.md shows an example).
void PrintSummary(std::FILE* out, const ClassifyStats& stats, const ClassifyTiming& timing);

}  // namespace vigil::cli

#endif  // VIGIL_TOOLS_VIGIL_CLASSIFY_STATS_H_
