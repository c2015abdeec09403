#include "decide/censor.h"

#include <algorithm>

#include "common/utf8.h"

namespace vigil {

void ApplyMasks(std::string_view text, std::vector<MaskSpan>* spans, std::string* out) {
  out->clear();
  std::sort(spans->begin(), spans->end(), [](const MaskSpan& a, const MaskSpan& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  size_t pos = 0;
  size_t i = 0;
  while (i < spans->size()) {
    // Merge every span overlapping the first one into [start, end).
    MaskSpan merged = (*spans)[i++];
    while (i < spans->size() && (*spans)[i].start < merged.end) {
      const MaskSpan& next = (*spans)[i++];
      merged.end = std::max(merged.end, next.end);
      if (next.redact && !merged.redact) {
        merged.redact = true;
        merged.replacement = next.replacement;
      }
    }
    if (merged.start < pos) merged.start = pos;  // defensive: never rewind
    out->append(text.substr(pos, merged.start - pos));
    if (merged.redact) {
      out->append(merged.replacement);
    } else {
      size_t p = merged.start;
      while (p < merged.end) {
        size_t next;
        const char32_t c = DecodeUtf8At(text, p, &next);
        out->push_back(c == ' ' ? ' ' : '*');
        p = next;
      }
    }
    pos = std::max(pos, merged.end);
  }
  out->append(text.substr(pos));
}

}  // namespace vigil
