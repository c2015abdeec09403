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

inline constexpr char32_t kZeroWidthNonJoiner = 0x200C;

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
    size_ = 0;
  }

  // Starts a transformed view of `original`: Put each code point, then
  // Finish. The buffers keep their capacity across posts.
  void ResetTransformed(std::string_view original) {
    original_ = original;
    identity_ = false;
    size_ = 0;
  }

  // Appends code point `c` standing for original[start, end), `run` letters
  // of it (skeleton repeats). Only the first byte of each code point records
  // its start and run, and only the last its end: spans always begin and end
  // on code point boundaries.
  // `soft_boundary`: a zero-width non-joiner stood before it (see
  // SoftBoundaryBefore).
  void Put(char32_t c, uint32_t start, uint32_t end, uint8_t run = 1,
           bool soft_boundary = false) {
    if (size_ + 4 > text_.size()) Grow();
    char* out = text_.data() + size_;
    size_t n;
    if (c < 0x80) {
      out[0] = static_cast<char>(c);
      n = 1;
    } else if (c < 0x800) {
      out[0] = static_cast<char>(0xC0 | (c >> 6));
      out[1] = static_cast<char>(0x80 | (c & 0x3F));
      n = 2;
    } else if (c < 0x10000) {
      out[0] = static_cast<char>(0xE0 | (c >> 12));
      out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out[2] = static_cast<char>(0x80 | (c & 0x3F));
      n = 3;
    } else {
      out[0] = static_cast<char>(0xF0 | (c >> 18));
      out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out[3] = static_cast<char>(0x80 | (c & 0x3F));
      n = 4;
    }
    start_[size_] = start;
    run_[size_] = static_cast<uint8_t>((run & kRunMask) | (soft_boundary ? kSoftBoundary : 0));
    end_[size_ + n - 1] = end;
    last_begin_ = size_;
    size_ += n;
  }

  // Merges the original bytes up to `end` into the code point last Put (a
  // collapsed run): it now ends there and, with `one_more_letter`, stands for
  // one more repeated letter (at most 127 are counted).
  void ExtendLast(uint32_t end, bool one_more_letter) {
    end_[size_ - 1] = end;
    uint8_t& run = run_[last_begin_];
    if (one_more_letter && (run & kRunMask) < kRunMask) ++run;
  }

  // The buffers of a transformed view of `original`, for a builder that
  // writes one byte per code point (the skeleton's ASCII path) straight
  // into them, at most `max_bytes` bytes; SetTransformedSize then says how
  // many it wrote. Each byte records its start, end and run, the run ORed
  // with kSoftBoundary where a soft word boundary stands before it.
  static constexpr uint8_t kRunMask = 0x7F;
  static constexpr uint8_t kSoftBoundary = 0x80;
  struct Slots {
    char* text;
    uint32_t* start;
    uint32_t* end;
    uint8_t* run;
  };
  Slots ResetTransformedSlots(std::string_view original, size_t max_bytes) {
    ResetTransformed(original);
    while (max_bytes + 4 > text_.size()) Grow();
    return {text_.data(), start_.data(), end_.data(), run_.data()};
  }
  void SetTransformedSize(size_t size) { size_ = size; }

  // Appends original[0, prefix.size()) unchanged (prefix is its start).
  void PutBytesIdentity(std::string_view prefix) {
    for (size_t i = 0; i < prefix.size();) {
      const unsigned char b = static_cast<unsigned char>(prefix[i]);
      const size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      PutBytes(prefix.substr(i, n), static_cast<uint32_t>(i), static_cast<uint32_t>(i + n));
      i += n;
    }
  }

  // Appends the UTF-8 `bytes` (whole code points) for original[start, end).
  void PutBytes(std::string_view bytes, uint32_t start, uint32_t end) {
    for (size_t i = 0; i < bytes.size();) {
      const unsigned char b = static_cast<unsigned char>(bytes[i]);
      const size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      if (size_ + 4 > text_.size()) Grow();
      for (size_t k = 0; k < n && i + k < bytes.size(); ++k) text_[size_ + k] = bytes[i + k];
      start_[size_] = start;
      run_[size_] = 1;
      end_[size_ + n - 1] = end;
      last_begin_ = size_;
      size_ += n;
      i += n;
    }
  }

  bool identity() const { return identity_; }
  std::string_view original() const { return original_; }
  std::string_view text() const {
    return identity_ ? original_ : std::string_view(text_.data(), size_);
  }

  // The original bytes that view bytes [start, end) came from (end > start).
  ByteSpan ToOriginal(size_t start, size_t end) const {
    if (identity_) return {start, end};
    return {start_[start], end_[end - 1]};
  }

  // How many repeated letters the view's code point at byte `pos` stands
  // for (1 unless the skeleton collapsed a run).
  uint8_t RunAt(size_t pos) const { return identity_ ? 1 : run_[pos] & kRunMask; }

  // Whether a zero-width non-joiner stood just before the view's code point
  // at byte `pos`. Persian writes it between a word and its suffix
  // (تضمینی‌اش): the view drops it, so "تضمینیاش" reads as one token for
  // evasion, but it still ends the word "تضمینی" for whole-word matching.
  bool SoftBoundaryBefore(size_t pos) const {
    return !identity_ && pos < size_ && (run_[pos] & kSoftBoundary);
  }

 private:
  void Grow() {
    const size_t capacity = text_.size() < 64 ? 256 : text_.size() * 2;
    text_.resize(capacity);
    start_.resize(capacity);
    end_.resize(capacity);
    run_.resize(capacity);
  }

  std::string_view original_;
  bool identity_ = true;
  size_t size_ = 0;       // bytes of text_ in use (text_ is capacity)
  size_t last_begin_ = 0;  // first byte of the code point last put
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
