// One Hyperscan pass per field and per text view in use, with per-thread
// scratch.
//
// Literal matches come out with exact spans in view coordinates (start found
// by stepping back the term's code points from Hyperscan's end offset).
// Regex and detector patterns only mark their (rule, field) as a candidate;
// validate/ runs RE2 on the candidates for exact spans. Buffers are reused
// across posts, so after warm-up the scan allocates nothing.
//
// Not thread-safe: one Scanner per thread (the Engine is shared).
#ifndef VIGIL_SCAN_SCANNER_H_
#define VIGIL_SCAN_SCANNER_H_

#include <hs/hs.h>

#include <array>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "compile/engine.h"
#include "normalize/text_view.h"

namespace vigil {

// A piece of a post that rules look at, with the views built of it.
struct FieldViews {
  vigil_field field;
  uint32_t link_index = 0;
  std::string_view text;  // as posted
  size_t body_offset = 0;  // a link found in the body: where it starts there
  std::array<TextView, kViewCount> views;
};

// Builds the views of `field` (its field and text set) that some rule of
// `engine` reads that field on ("author.name" on the skeleton view for
// slurs, links on the folded view for shorteners); the others are left
// empty, which Scanner::Scan skips. The raw view is the text itself.
void BuildFieldViews(const Engine& engine, FieldViews* field);

struct LiteralHit {
  uint32_t pattern;   // index into the view's PatternInfo table
  uint32_t instance;  // index into the scanned fields
  ViewKind view;
  size_t start;       // in view coordinates
  size_t end;
};

// A rule whose regex or detector may match in field `instance`.
struct Candidate {
  uint32_t rule;
  uint32_t instance;
  bool operator<(const Candidate& o) const {
    return rule != o.rule ? rule < o.rule : instance < o.instance;
  }
  bool operator==(const Candidate& o) const { return rule == o.rule && instance == o.instance; }
};

class Scanner {
 public:
  static absl::StatusOr<std::unique_ptr<Scanner>> Create(const Engine& engine);
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // Scans every field's views with the engine's databases. `applies[r]` says
  // whether rule r applies to this post (conditions); hits of other rules,
  // and hits in fields a rule does not read, are dropped here. Clears and
  // fills `literals` and `candidates` (sorted, unique).
  absl::Status Scan(absl::Span<const FieldViews> fields, const std::vector<uint8_t>& applies,
                    std::vector<LiteralHit>* literals, std::vector<Candidate>* candidates);

 private:
  explicit Scanner(const Engine& engine) : engine_(engine) {}
  static int OnMatch(unsigned int id, unsigned long long from, unsigned long long to,
                     unsigned int flags, void* context);

  const Engine& engine_;
  hs_scratch_t* scratch_ = nullptr;

  // Per-scan state the match callback reads.
  const std::vector<uint8_t>* applies_ = nullptr;
  const std::vector<PatternInfo>* infos_ = nullptr;
  std::string_view text_;
  ViewKind view_ = ViewKind::kRaw;
  uint32_t instance_ = 0;
  uint32_t field_bit_ = 0;
  std::vector<LiteralHit>* literals_ = nullptr;
  std::vector<Candidate>* candidates_ = nullptr;
};

}  // namespace vigil

#endif  // VIGIL_SCAN_SCANNER_H_
