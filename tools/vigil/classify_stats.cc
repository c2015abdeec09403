// classify_stats.cc — see classify_stats.h.
#include "classify_stats.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "handles.h"

namespace vigil::cli {

void NameCounter::Add(std::string_view name, uint64_t count) {
  auto it = counts_.find(name);
  if (it == counts_.end()) {
    counts_.emplace(std::string(name), count);
  } else {
    it->second += count;
  }
}

void NameCounter::Merge(const NameCounter& other) {
  for (const auto& [name, count] : other.counts_) Add(name, count);
}

std::string NameCounter::Format() const {
  if (counts_.empty()) return "none";
  std::vector<std::pair<std::string_view, uint64_t>> sorted(counts_.begin(), counts_.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::string text;
  for (const auto& [name, count] : sorted) {
    if (!text.empty()) text += ", ";
    text.append(name);
    text += ' ';
    text += std::to_string(count);
  }
  return text;
}

void ClassifyStats::AddVerdict(const vigil_verdict* verdict) {
  ++classified;
  const vigil_action action = vigil_verdict_action(verdict);
  if (action >= VIGIL_ACTION_ALLOW && action <= VIGIL_ACTION_REJECT) ++actions[action];

  // A post counts once per category, however many of its rules fired.
  const size_t hit_count = vigil_verdict_hit_count(verdict);
  for (size_t i = 0; i < hit_count; ++i) {
    const std::string_view category = OrEmpty(vigil_verdict_hit(verdict, i)->category);
    bool seen = false;
    for (size_t k = 0; k < i && !seen; ++k) {
      seen = category == OrEmpty(vigil_verdict_hit(verdict, k)->category);
    }
    if (!seen) categories.Add(category);
  }
  for (size_t i = 0; i < vigil_verdict_escalation_count(verdict); ++i) {
    escalations.Add(OrEmpty(vigil_verdict_escalation(verdict, i)->id));
  }
  for (size_t i = 0; i < vigil_verdict_dry_run_count(verdict); ++i) {
    dry_run.Add(OrEmpty(vigil_verdict_dry_run(verdict, i)->rule_id));
  }
}

void ClassifyStats::AddError(std::string_view kind) {
  ++errors;
  error_kinds.Add(kind);
}

void ClassifyStats::Merge(const ClassifyStats& other) {
  posts_read += other.posts_read;
  classified += other.classified;
  errors += other.errors;
  for (size_t i = 0; i < actions.size(); ++i) actions[i] += other.actions[i];
  categories.Merge(other.categories);
  escalations.Merge(other.escalations);
  dry_run.Merge(other.dry_run);
  error_kinds.Merge(other.error_kinds);
}

void PrintSummary(std::FILE* out, const ClassifyStats& stats, const ClassifyTiming& timing) {
  std::fprintf(out, "vigil classify: %llu posts read, %llu classified, %llu error%s",
               static_cast<unsigned long long>(stats.posts_read),
               static_cast<unsigned long long>(stats.classified),
               static_cast<unsigned long long>(stats.errors), stats.errors == 1 ? "" : "s");
  if (stats.errors > 0) std::fprintf(out, " (%s)", stats.error_kinds.Format().c_str());
  if (timing.blank_lines > 0) {
    std::fprintf(out, "; %llu blank lines skipped",
                 static_cast<unsigned long long>(timing.blank_lines));
  }
  std::fprintf(out, "\n  actions:     ");
  for (int action = VIGIL_ACTION_ALLOW; action <= VIGIL_ACTION_REJECT; ++action) {
    std::fprintf(out, "%s%s %llu", action == VIGIL_ACTION_ALLOW ? "" : ", ",
                 vigil_action_name(static_cast<vigil_action>(action)),
                 static_cast<unsigned long long>(stats.actions[action]));
  }
  std::fprintf(out, "\n  categories:  %s\n", stats.categories.Format().c_str());
  std::fprintf(out, "  escalations: %s\n", stats.escalations.Format().c_str());
  std::fprintf(out, "  dry run:     %s\n", stats.dry_run.Format().c_str());
  const double seconds = timing.run_seconds > 0 ? timing.run_seconds : 1e-9;
  std::fprintf(out,
               "  time:        %.3f s (engine %.3f s), %.0f posts/s, %.2f MB/s, %d thread%s\n",
               timing.run_seconds, timing.load_seconds,
               static_cast<double>(stats.posts_read) / seconds,
               static_cast<double>(timing.input_bytes) / 1e6 / seconds, timing.threads,
               timing.threads == 1 ? "" : "s");
}

}  // namespace vigil::cli
