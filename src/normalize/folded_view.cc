// The folded view, code point by code point from CharTables.
#include <cstdint>

#include "common/utf8.h"
#include "normalize/char_tables.h"
#include "normalize/text_view.h"

namespace vigil {

const char* ViewName(ViewKind view) {
  switch (view) {
    case ViewKind::kRaw:
      return "raw";
    case ViewKind::kFolded:
      return "folded";
    case ViewKind::kSkeleton:
      return "skeleton";
    case ViewKind::kSkeletonStrict:
      return "skeleton_strict";
  }
  return "unknown";
}

void BuildFoldedView(std::string_view original, TextView* view) {
  const CharTables& tables = CharTables::Get();
  // Find the first code point folding changes; most text has none.
  size_t pos = 0;
  std::string_view mapped;
  while (pos < original.size()) {
    // ASCII folds to itself: skip it eight bytes at a time.
    for (uint64_t word; pos + 8 <= original.size(); pos += 8) {
      __builtin_memcpy(&word, original.data() + pos, 8);
      if (word & 0x8080808080808080ULL) break;
    }
    if (pos >= original.size()) break;
    if (static_cast<unsigned char>(original[pos]) < 0x80) {
      ++pos;
      continue;
    }
    size_t next;
    const char32_t c = DecodeUtf8At(original, pos, &next);
    if (tables.Fold(c, &mapped)) break;
    pos = next;
  }
  if (pos >= original.size()) {
    view->ResetIdentity(original);
    return;
  }
  view->ResetTransformed(original);
  // The unchanged prefix maps byte for byte.
  view->PutBytesIdentity(original.substr(0, pos));
  bool soft_boundary = false;
  while (pos < original.size()) {
    size_t next;
    const char32_t c = DecodeUtf8At(original, pos, &next);
    // A removed code point (an ignorable) maps to nothing: the characters
    // around it still cover it in ToOriginal spans.
    if (c >= 0x80 && tables.Fold(c, &mapped)) {
      if (mapped.empty()) {
        soft_boundary = soft_boundary || c == kZeroWidthNonJoiner;
      } else {
        size_t first;
        const char32_t m = DecodeUtf8At(mapped, 0, &first);
        view->Put(m, static_cast<uint32_t>(pos), static_cast<uint32_t>(next), 1, soft_boundary);
        view->PutBytes(mapped.substr(first), static_cast<uint32_t>(pos),
                       static_cast<uint32_t>(next));
        soft_boundary = false;
      }
    } else {
      view->Put(c, static_cast<uint32_t>(pos), static_cast<uint32_t>(next), 1, soft_boundary);
      soft_boundary = false;
    }
    pos = next;
  }
}

}  // namespace vigil
