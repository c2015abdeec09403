// Classifies one post at a time: the whole pipeline after compile, for one
// thread. Validates the post, lays out its fields, evaluates conditions,
// scans (scan/), confirms matches (validate/), and decides the verdict: the
// most severe enforced action, the hits with their spans, the escalation
// targets, the member's messages and the censored text.
//
//   auto classifier = Classifier::Create(engine);
//   absl::Status s = (*classifier)->Classify(post);
//   if (s.ok()) Use((*classifier)->verdict());
//
// Not thread-safe: one Classifier per thread. Buffers are reused, so after
// warm-up a classification allocates nothing.
#ifndef VIGIL_DECIDE_DECIDER_H_
#define VIGIL_DECIDE_DECIDER_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "compile/engine.h"
#include "decide/censor.h"
#include "decide/verdict.h"
#include "scan/scanner.h"
#include "validate/pii_finding.h"
#include "validate/span_finder.h"

namespace vigil {

class Classifier {
 public:
  static absl::StatusOr<std::unique_ptr<Classifier>> Create(const Engine& engine);

  // Errors: DataLoss (a field is not valid UTF-8), InvalidArgument (a
  // vigil_str with NULL data and a size), OutOfRange (the post is over the
  // engine's max_post_bytes), Internal (the matcher failed). The message
  // names the field and, for UTF-8, the byte offset.
  absl::Status Classify(const vigil_post& post);

  // The verdict of the last Classify (empty after a failed one).
  const Verdict& verdict() const { return verdict_; }
  const Engine& engine() const { return engine_; }

 private:
  struct RawMatch {
    uint32_t rule;
    uint32_t instance;
    size_t start;
    size_t end;
    double confidence = 1.0;
    const char* subtype = nullptr;  // detectors only
  };

  Classifier(const Engine& engine, std::unique_ptr<Scanner> scanner)
      : engine_(engine), scanner_(std::move(scanner)) {}
  // Checks `post` and, when the engine truncates long posts, cuts it to
  // max_post_bytes (the cut fields point into links_).
  absl::Status CheckPost(vigil_post& post);
  void TruncateToFit(size_t metadata_bytes, vigil_post* post);
  void LayOutFields(const vigil_post& post);
  void AddField(vigil_field field, uint32_t link_index, std::string_view text,
                size_t body_offset = 0);
  void BuildViews();
  // Whether a literal hit survives its checks on its view: whole words,
  // repeated letters, and no exception of its rule covering it.
  bool ConfirmLiteral(const LiteralHit& hit, const PatternInfo& info) const;
  // Whether the letters the term repeats are repeated in the text too.
  bool RepeatsSatisfied(const LiteralHit& hit, const PatternInfo& info) const;
  void ConfirmMatches();
  void Decide();
  void Censor(const vigil_post& post);

  const Engine& engine_;
  std::unique_ptr<Scanner> scanner_;
  // Grows only (its views keep their buffers); field_count_ are in use.
  std::vector<FieldViews> fields_;
  size_t field_count_ = 0;
  std::vector<LiteralHit> exceptions_;
  std::vector<uint8_t> applies_;
  std::vector<LiteralHit> literals_;
  std::vector<Candidate> candidates_;
  std::vector<Span> spans_;
  std::vector<DetectorFinding> findings_;
  std::vector<RawMatch> matches_;
  std::vector<size_t> match_text_offsets_;
  std::vector<std::pair<vigil_hit, uint32_t>> enforced_;  // hit, rule index
  std::vector<uint32_t> hit_rules_;
  std::vector<vigil_str> links_;  // a truncated post's links  // rule index of each verdict_.hits entry
  std::vector<uint8_t> escalation_seen_;
  std::vector<MaskSpan> masks_;
  Verdict verdict_;
};

}  // namespace vigil

#endif  // VIGIL_DECIDE_DECIDER_H_
