#include "decide/censor.h"

#include <algorithm>

#include "common/text.h"
#include "common/utf8.h"
#include "compile/detectors.h"

namespace vigil {

namespace {


// "4111 1111 1111 1111" -> "•••• •••• •••• 1111": letters and digits of
// every script (۶۰۳۷, ６２２２) masked but the last four, separators kept,
// so the member recognises it.
void AppendShape(std::string_view value, std::string* out) {
  size_t alnum = 0;
  for (size_t p = 0; p < value.size();) {
    size_t next;
    alnum += IsWordCodePoint(DecodeUtf8At(value, p, &next)) ? 1 : 0;
    p = next;
  }
  size_t seen = 0;
  for (size_t p = 0; p < value.size();) {
    size_t next;
    const char32_t c = DecodeUtf8At(value, p, &next);
    if (IsWordCodePoint(c) && ++seen + 4 <= alnum) {
      out->append("\xE2\x80\xA2");  // •
    } else {
      out->append(value.substr(p, next - p));
    }
    p = next;
  }
}

}  // namespace

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
        merged.shape = next.shape;
      }
    }
    if (merged.start < pos) merged.start = pos;  // defensive: never rewind
    out->append(text.substr(pos, merged.start - pos));
    if (merged.redact && merged.shape) {
      AppendShape(text.substr(merged.start, merged.end - merged.start), out);
    } else if (merged.redact) {
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

std::string_view RedactionText(const Rule& rule) {
  if (!rule.replacement.empty()) return rule.replacement;
  if (rule.matcher == MatcherKind::kDetect) {
    if (const DetectorSpec* spec = FindDetector(rule.detector)) {
      if (spec->suggested_replacement && *spec->suggested_replacement) {
        return spec->suggested_replacement;
      }
    }
  }
  return "[redacted]";
}

}  // namespace vigil
