#include "validate/span_finder.h"

#include "common/utf8.h"

namespace vigil {

void FindAllSpans(const RE2& re, std::string_view text, std::vector<Span>* out, size_t from) {
  size_t pos = from;
  re2::StringPiece match;
  while (pos <= text.size() &&
         re.Match(re2::StringPiece(text.data(), text.size()), pos, text.size(), RE2::UNANCHORED,
                  &match, 1)) {
    const size_t start = static_cast<size_t>(match.data() - text.data());
    const size_t end = start + match.size();
    if (end > start) {
      out->push_back({start, end});
      pos = end;
    } else {
      if (start >= text.size()) break;
      DecodeUtf8At(text, start, &pos);  // step over one code point
    }
  }
}

}  // namespace vigil
