// Exact spans for regex and detector rules, found by RE2 in the fields that
// Hyperscan marked as candidates. RE2 is linear-time, and runs only on the
// few fields where a match is already known to exist.
#ifndef VIGIL_VALIDATE_SPAN_FINDER_H_
#define VIGIL_VALIDATE_SPAN_FINDER_H_

#include <re2/re2.h>

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil {

struct Span {
  size_t start;
  size_t end;
};

// Appends every leftmost-first, non-overlapping match of `re` in `text`
// that starts at `from` or later (the caller knows none starts before).
// Empty matches are skipped (the engine refuses regexes that match empty
// text, but a pattern like `a*|b` can still match empty somewhere).
void FindAllSpans(const RE2& re, std::string_view text, std::vector<Span>* out,
                  size_t from = 0);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_SPAN_FINDER_H_
