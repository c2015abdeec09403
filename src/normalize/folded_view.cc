// The folded view, code point by code point from CharTables.
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
  for (size_t i = 0; i < pos;) {
    size_t next;
    DecodeUtf8At(original, i, &next);
    view->Append(original.substr(i, next - i), static_cast<uint32_t>(i),
                 static_cast<uint32_t>(next));
    i = next;
  }
  while (pos < original.size()) {
    size_t next;
    const char32_t c = DecodeUtf8At(original, pos, &next);
    std::string_view bytes = original.substr(pos, next - pos);
    if (c >= 0x80 && tables.Fold(c, &mapped)) bytes = mapped;
    // A removed code point (an ignorable) becomes part of the character
    // before it, so that masking that character masks it too.
    view->Append(bytes, static_cast<uint32_t>(pos), static_cast<uint32_t>(next));
    pos = next;
  }
}

}  // namespace vigil
