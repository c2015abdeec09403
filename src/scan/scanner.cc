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
  const PatternInfo& info = self->engine_.patterns().infos[id];
  if (!(*self->applies_)[info.rule]) return 0;
  const Rule& rule = self->engine_.ruleset().rules[info.rule];
  if (!(rule.field_mask & self->field_bit_)) return 0;
  if (info.kind == PatternKind::kLiteral) {
    const size_t end = static_cast<size_t>(to);
    const size_t start = StepBackCodePoints(self->text_, end, info.code_points);
    self->literals_->push_back({id, self->instance_, start, end});
  } else {
    // Regexes report at every end offset; one candidate per field is enough.
    const Candidate c{info.rule, self->instance_};
    if (self->candidates_->empty() || !(self->candidates_->back() == c)) {
      self->candidates_->push_back(c);
    }
  }
  return 0;
}

absl::Status Scanner::Scan(absl::Span<const FieldText> fields,
                           const std::vector<uint8_t>& applies,
                           std::vector<LiteralHit>* literals,
                           std::vector<Candidate>* candidates) {
  literals->clear();
  candidates->clear();
  applies_ = &applies;
  literals_ = literals;
  candidates_ = candidates;
  const hs_database_t* db = engine_.database();
  for (uint32_t i = 0; i < fields.size(); ++i) {
    const FieldText& field = fields[i];
    text_ = field.text;
    instance_ = i;
    field_bit_ = 1u << field.field;
    if (db && !field.text.empty()) {
      const hs_error_t rc = hs_scan(db, field.text.data(), static_cast<unsigned>(field.text.size()),
                                    0, scratch_, &Scanner::OnMatch, this);
      if (rc != HS_SUCCESS) {
        return absl::InternalError(absl::StrCat("Hyperscan scan failed (error ", rc, ")"));
      }
    }
    // Rules that only RE2 can run are candidates wherever they apply.
    for (uint32_t rule : engine_.patterns().re2_only_rules) {
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
