// A view of one field of a post: the text rules match against (folded,
// skeleton, …) and the map from each of its bytes back to the bytes of the
// field as posted, so that reported spans, censoring and redaction always
// point into the original text.
//
//   TextView view;
//   BuildSkeletonView(field, &view);
//   hs_scan(db, view.text().data(), ...);          // match on the view
//   Span original = view.ToOriginal(start, end);   // report in the original
//
// Views are reused across posts (their buffers keep their capacity).
#ifndef VIGIL_NORMALIZE_TEXT_VIEW_H_
#define VIGIL_NORMALIZE_TEXT_VIEW_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/view_kind.h"

namespace vigil {

const char* ViewName(ViewKind view);

struct ByteSpan {
  size_t start;
  size_t end;
};

class TextView {
 public:
  // Makes this view the identity view of `original` (no copy).
  void ResetIdentity(std::string_view original) {
    original_ = original;
    identity_ = true;
    text_.clear();
    start_.clear();
    end_.clear();
    run_.clear();
  }

  // Starts a transformed view of `original`; Append… then builds it.
  void ResetTransformed(std::string_view original) {
    ResetIdentity(original);
    identity_ = false;
  }

  // Appends the UTF-8 bytes `bytes` that stand for original[start, end),
  // `run` letters of it (skeleton repeats).
  void Append(std::string_view bytes, uint32_t start, uint32_t end, uint8_t run = 1) {
    text_.append(bytes);
    start_.insert(start_.end(), bytes.size(), start);
    end_.insert(end_.end(), bytes.size(), end);
    run_.insert(run_.end(), bytes.size(), run);
  }

  bool identity() const { return identity_; }
  std::string_view original() const { return original_; }
  std::string_view text() const { return identity_ ? original_ : std::string_view(text_); }

  // The original bytes that view bytes [start, end) came from (end > start).
  ByteSpan ToOriginal(size_t start, size_t end) const {
    if (identity_) return {start, end};
    return {start_[start], end_[end - 1]};
  }

  // How many repeated letters the view's code point at byte `pos` stands
  // for (1 unless the skeleton collapsed a run).
  uint8_t RunAt(size_t pos) const { return identity_ ? 1 : run_[pos]; }

 private:
  std::string_view original_;
  bool identity_ = true;
  std::string text_;
  std::vector<uint32_t> start_;
  std::vector<uint32_t> end_;
  std::vector<uint8_t> run_;
};

// The `folded` view: each code point through CharTables::Fold. ASCII and
// text that folding leaves unchanged get the identity view (no copy); ASCII
// case is left to the matchers' case-insensitive flags.
void BuildFoldedView(std::string_view original, TextView* view);

// The `skeleton` view: what evasion-resistant word lists match. See
// skeleton_view.cc for each step and the traps it avoids. `strict` also
// drops punctuation inside words ("fu.ck", "sh_it").
void BuildSkeletonView(std::string_view original, bool strict, TextView* view);

}  // namespace vigil

#endif  // VIGIL_NORMALIZE_TEXT_VIEW_H_
