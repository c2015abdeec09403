#include "validate/pii_context.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "common/utf8.h"

namespace vigil {
namespace {

// The folded code points on one side of a find, in text order. Fixed size:
// scoring allocates nothing.
struct Window {
  std::array<char32_t, kContextBefore + kContextAfter> cps;
  size_t size = 0;
};

char32_t Fold(char32_t c) {
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

void WindowBefore(std::string_view text, size_t start, Window* w) {
  std::array<char32_t, kContextBefore> reversed;
  size_t n = 0;
  size_t pos = start;
  while (pos > 0 && n < kContextBefore) {
    size_t prev;
    reversed[n++] = Fold(DecodeUtf8Before(text, pos, &prev));
    pos = prev;
  }
  w->size = n;
  for (size_t i = 0; i < n; ++i) w->cps[i] = reversed[n - 1 - i];
}

void WindowAfter(std::string_view text, size_t end, Window* w) {
  size_t pos = end;
  w->size = 0;
  while (pos < text.size() && w->size < kContextAfter) {
    w->cps[w->size++] = Fold(DecodeUtf8At(text, pos, &pos));
  }
}

// Letters and marks join words; digits and punctuation do not ("card:4111",
// "card 4111" and "卡号4111" all have "card"/"卡号" as a word).
bool IsLetter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  const int8_t type = u_charType(static_cast<UChar32>(c));
  return u_isalpha(static_cast<UChar32>(c)) || type == U_NON_SPACING_MARK ||
         type == U_COMBINING_SPACING_MARK;
}

struct Occurrence {
  size_t start, end;  // in the window
  bool positive;
  size_t distance;  // code points between the occurrence and the find
};

// Appends the occurrences of `term` in `w`.
void FindTerm(const ContextTerm& term, const Window& w, bool before,
              std::array<Occurrence, 32>* out, size_t* count) {
  const size_t len = term.folded.size();
  if (len == 0 || len > w.size) return;
  for (size_t i = 0; i + len <= w.size && *count < out->size(); ++i) {
    if (std::memcmp(&w.cps[i], term.folded.data(), len * sizeof(char32_t)) != 0) continue;
    if (term.left_boundary && i > 0 && IsLetter(w.cps[i - 1])) continue;
    if (term.right_boundary && i + len < w.size && IsLetter(w.cps[i + len])) continue;
    const size_t distance = before ? w.size - (i + len) : i;
    (*out)[(*count)++] = {i, i + len, term.positive, distance};
  }
}

// The nearest occurrence on one side that no longer occurrence covers.
void Nearest(const std::array<Occurrence, 32>& occ, size_t count, size_t* positive,
             size_t* negative) {
  for (size_t i = 0; i < count; ++i) {
    bool covered = false;
    for (size_t j = 0; j < count && !covered; ++j) {
      covered = j != i && occ[j].start <= occ[i].start && occ[j].end >= occ[i].end &&
                occ[j].end - occ[j].start > occ[i].end - occ[i].start;
    }
    if (covered) continue;
    size_t* best = occ[i].positive ? positive : negative;
    *best = std::min(*best, occ[i].distance);
  }
}

int ScriptOf(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  int script = uscript_getScript(static_cast<UChar32>(c), &status);
  if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) script = USCRIPT_HAN;
  return script;
}

}  // namespace

ContextVerdict FindContext(DetectorKind kind, std::string_view text, Span span,
                           const DetectorTables& tables) {
  const std::vector<ContextTerm>& terms = tables.context_for(kind);
  if (terms.empty()) return ContextVerdict::kNone;
  constexpr size_t kFar = static_cast<size_t>(-1);
  size_t positive = kFar, negative = kFar;
  Window w;
  std::array<Occurrence, 32> occ;
  for (bool before : {true, false}) {
    if (before) {
      WindowBefore(text, span.start, &w);
    } else {
      WindowAfter(text, span.end, &w);
    }
    size_t count = 0;
    for (const ContextTerm& term : terms) FindTerm(term, w, before, &occ, &count);
    Nearest(occ, count, &positive, &negative);
  }
  if (negative != kFar && negative <= positive) return ContextVerdict::kNegative;
  if (positive != kFar) return ContextVerdict::kPositive;
  return ContextVerdict::kNone;
}

int DominantScript(std::string_view text, Span span) {
  Window before, after;
  WindowBefore(text, span.start, &before);
  WindowAfter(text, span.end, &after);
  // A handful of scripts at once is plenty for one window.
  std::array<std::pair<int, int>, 8> counts{};
  size_t distinct = 0;
  int letters = 0;
  for (const Window* w : {&before, &after}) {
    for (size_t i = 0; i < w->size; ++i) {
      if (!IsLetter(w->cps[i])) continue;
      const int script = ScriptOf(w->cps[i]);
      if (script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
      ++letters;
      size_t k = 0;
      while (k < distinct && counts[k].first != script) ++k;
      if (k == distinct) {
        if (distinct == counts.size()) continue;
        counts[distinct++] = {script, 0};
      }
      ++counts[k].second;
    }
  }
  if (letters < 2) return -1;
  int best = -1, best_count = 0;
  for (size_t k = 0; k < distinct; ++k) {
    if (counts[k].second > best_count) {
      best = counts[k].first;
      best_count = counts[k].second;
    }
  }
  return best;
}

double ScoreContext(DetectorKind kind, std::string_view text, Span span, const char* subtype,
                    double confidence, int script, const DetectorTables& tables) {
  // The script first, then the words: a word says more than a script does,
  // so "سفارش" (order) still sinks a Shetab card number in Persian text.
  double c = confidence;
  bool has_affinity = false, matches = false;
  for (const ScriptAffinity& affinity : tables.affinities_for(kind)) {
    if (affinity.subtype != "*" && (subtype == nullptr || affinity.subtype != subtype)) continue;
    has_affinity = true;
    matches = matches || affinity.script == script;
  }
  if (has_affinity && script >= 0) {
    c = matches ? c + (1 - c) * kScriptWeight : c * kOtherScriptFactor;
  }
  switch (FindContext(kind, text, span, tables)) {
    case ContextVerdict::kPositive:
      c += (1 - c) * kPositiveWeight;
      break;
    case ContextVerdict::kNegative:
      c *= kNegativeFactor;
      break;
    case ContextVerdict::kNone:
      break;
  }
  return std::clamp(c, 0.0, 1.0);
}

}  // namespace vigil
