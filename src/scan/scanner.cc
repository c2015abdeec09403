#include "scan/scanner.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/utf8.h"

namespace vigil {

absl::StatusOr<std::unique_ptr<Scanner>> Scanner::Create(const Engine& engine) {
  std::unique_ptr<Scanner> scanner(new Scanner(engine));
  if (engine.prototype_scratch() &&
      hs_clone_scratch(engine.prototype_scratch(), &scanner->scratch_) != HS_SUCCESS) {
    return absl::ResourceExhaustedError("Hyperscan could not allocate scratch space");
  }
  return scanner;
}

Scanner::~Scanner() {
  if (scratch_) hs_free_scratch(scratch_);
}

int Scanner::OnMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                     unsigned int /*flags*/, void* context) {
  Scanner* self = static_cast<Scanner*>(context);
  // The table and the database come from one compile, or from a file whose
  // counts were checked; this guard costs nothing and keeps a forged file
  // from reading past the table.
  if (id >= self->infos_->size()) return 0;
  const PatternInfo& info = (*self->infos_)[id];
  if (!(*self->applies_)[info.rule]) return 0;
  const Rule& rule = self->engine_.ruleset().rules[info.rule];
  if (!(rule.field_mask & self->field_bit_)) return 0;
  if (info.kind == PatternKind::kLiteral || info.kind == PatternKind::kException) {
    const size_t end = static_cast<size_t>(to);
    const size_t start = StepBackCodePoints(self->text_, end, info.code_points);
    // Compiled literals are never empty; a damaged or forged engine file's
    // could be, and an empty span has no original text to map to.
    if (start >= end) return 0;
    self->literals_->push_back({id, self->instance_, self->view_, start, end});
  } else {
    // Regexes report at every end offset; one candidate per field is enough.
    const Candidate c{info.rule, self->instance_};
    if (self->candidates_->empty() || !(self->candidates_->back() == c)) {
      self->candidates_->push_back(c);
    }
  }
  return 0;
}

void BuildFieldViews(const Engine& engine, FieldViews* field) {
  const uint32_t bit = 1u << field->field;
  auto view = [&](ViewKind kind) -> TextView& { return field->views[static_cast<int>(kind)]; };
  auto wanted = [&](ViewKind kind) { return (engine.view_fields(kind) & bit) != 0; };
  view(ViewKind::kRaw).ResetIdentity(field->text);
  if (wanted(ViewKind::kFolded)) {
    BuildFoldedView(field->text, &view(ViewKind::kFolded));
  } else {
    view(ViewKind::kFolded).ResetIdentity({});
  }
  if (wanted(ViewKind::kSkeleton)) {
    BuildSkeletonView(field->text, false, &view(ViewKind::kSkeleton));
  } else {
    view(ViewKind::kSkeleton).ResetIdentity({});
  }
  if (wanted(ViewKind::kSkeletonStrict)) {
    BuildSkeletonView(field->text, true, &view(ViewKind::kSkeletonStrict));
  } else {
    view(ViewKind::kSkeletonStrict).ResetIdentity({});
  }
}

absl::Status Scanner::Scan(absl::Span<const FieldViews> fields,
                           const std::vector<uint8_t>& applies,
                           std::vector<LiteralHit>* literals,
                           std::vector<Candidate>* candidates) {
  literals->clear();
  candidates->clear();
  applies_ = &applies;
  literals_ = literals;
  candidates_ = candidates;
  const PatternSet& patterns = engine_.patterns();
  for (uint32_t i = 0; i < fields.size(); ++i) {
    const FieldViews& field = fields[i];
    instance_ = i;
    field_bit_ = 1u << field.field;
    if (field.text.empty()) continue;
    for (int v = 0; v < kViewCount; ++v) {
      const hs_database_t* db = patterns.views[v].database.get();
      if (!db || !(engine_.view_fields(static_cast<ViewKind>(v)) & field_bit_)) continue;
      view_ = static_cast<ViewKind>(v);
      infos_ = &patterns.views[v].infos;
      text_ = field.views[v].text();
      if (text_.empty()) continue;
      const hs_error_t rc = hs_scan(db, text_.data(), static_cast<unsigned>(text_.size()), 0,
                                    scratch_, &Scanner::OnMatch, this);
      if (rc != HS_SUCCESS) {
        return absl::InternalError(absl::StrCat("Hyperscan scan failed (error ", rc, ")"));
      }
    }
    // Rules that only RE2 can run are candidates wherever they apply.
    for (uint32_t rule : patterns.re2_only_rules) {
      if (applies[rule] && (engine_.ruleset().rules[rule].field_mask & field_bit_)) {
        candidates->push_back({rule, i});
      }
    }
  }
  std::sort(candidates->begin(), candidates->end());
  candidates->erase(std::unique(candidates->begin(), candidates->end()), candidates->end());
  return absl::OkStatus();
}

}  // namespace vigil
