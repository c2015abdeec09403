#include "compile/pattern_set.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/text.h"
#include "common/utf8.h"
#include "compile/detectors.h"
#include "normalize/case_pattern.h"
#include "normalize/text_view.h"

namespace vigil {
namespace {

// Hyperscan's caseless flag folds ASCII only; a case-insensitive regex with
// cased non-ASCII letters would miss "ФУК" for "фук", so RE2 runs it alone.
bool NeedsUnicodeCaseFolding(const std::string& regex) {
  if (!IsValidUtf8(regex)) return false;
  size_t pos = 0;
  while (pos < regex.size()) {
    size_t next;
    const char32_t c = DecodeUtf8At(regex, pos, &next);
    if (c >= 0x80 && u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_CASED)) return true;
    pos = next;
  }
  return false;
}

// Adds a list term (or an exception) as a literal on `view`, transformed the
// way the text of that view is.
void AddLiteral(const Rule& rule, uint32_t rule_index, const std::string& term,
                PatternKind kind, ViewPatterns* out, Diagnostics* diags) {
  TextView view;
  switch (rule.view) {
    case ViewKind::kRaw:
      view.ResetIdentity(term);
      break;
    case ViewKind::kFolded:
      BuildFoldedView(term, &view);
      break;
    case ViewKind::kSkeleton:
    case ViewKind::kSkeletonStrict:
      BuildSkeletonView(term, rule.view == ViewKind::kSkeletonStrict, &view);
      break;
  }
  const std::string_view text = view.text();
  if (text.empty()) {
    diags->Warning(rule.matcher_location, rule.id,
                   absl::StrCat("the term '", term, "' is empty on the ", ViewName(rule.view),
                                " view and never matches"));
    return;
  }
  const bool case_sensitive = rule.case_sensitive && rule.view == ViewKind::kRaw;
  LiteralPattern literal =
      BuildLiteralPattern(text, case_sensitive, /*folded=*/rule.view != ViewKind::kRaw);
  PatternInfo info;
  info.rule = rule_index;
  info.kind = kind;
  info.code_points = literal.code_points;
  if (rule.matcher == MatcherKind::kWords || kind == PatternKind::kException) {
    info.whole_word_left = !IsSpacelessScriptCodePoint(DecodeUtf8At(text, 0));
    info.whole_word_right = !IsSpacelessScriptCodePoint(DecodeUtf8Before(text, text.size()));
  }
  // Letters the term itself repeats must repeat in the text ("ass" is not
  // "as" once the skeleton collapses runs).
  std::string runs;
  bool repeats = false;
  for (size_t pos = 0; pos < text.size();) {
    size_t next;
    DecodeUtf8At(text, pos, &next);
    const uint8_t run = view.RunAt(pos) >= 2 ? 2 : 1;
    repeats = repeats || run == 2;
    runs.push_back(static_cast<char>(run));
    pos = next;
  }
  if (repeats) {
    info.runs_offset = static_cast<uint32_t>(out->min_runs.size());
    info.runs_size = static_cast<uint32_t>(runs.size());
    out->min_runs += runs;
  }
  out->expressions.push_back(std::move(literal.expression));
  out->flags.push_back(literal.flags);
  out->infos.push_back(info);
}

// On the skeleton views a phrase also matches written as one word
// ("hijodeputa", "h.i.j.o d.e p.u.t.a" joined, Persian هیچ‌کس whose
// non-joiner the view drops): the phrase without its spaces.
std::optional<std::string> WithoutSpaces(const Rule& rule, const std::string& term) {
  if (rule.view != ViewKind::kSkeleton && rule.view != ViewKind::kSkeletonStrict) {
    return std::nullopt;
  }
  if (term.find(' ') == std::string::npos) return std::nullopt;
  std::string joined;
  for (char c : term) {
    if (c != ' ') joined.push_back(c);
  }
  return joined;
}

}  // namespace

void ViewPatterns::ApplyFallback(const Fallback& fallback) {
  if (fallback.pattern >= expressions.size()) return;
  if (fallback.kind == Fallback::Kind::kPrefilter) {
    flags[fallback.pattern] |= HS_FLAG_PREFILTER;
  } else {
    expressions.erase(expressions.begin() + fallback.pattern);
    flags.erase(flags.begin() + fallback.pattern);
    infos.erase(infos.begin() + fallback.pattern);
  }
}

PatternSet BuildPatternSet(const Ruleset& ruleset, Diagnostics* diags) {
  PatternSet set;
  for (uint32_t r = 0; r < ruleset.rules.size(); ++r) {
    const Rule& rule = ruleset.rules[r];
    ViewPatterns& out = set.views[static_cast<int>(rule.view)];
    set.used[static_cast<int>(rule.view)] = true;
    switch (rule.matcher) {
      case MatcherKind::kWords:
      case MatcherKind::kPhrases:
        for (const std::string& term : rule.terms) {
          AddLiteral(rule, r, term, PatternKind::kLiteral, &out, diags);
          if (auto joined = WithoutSpaces(rule, term)) {
            AddLiteral(rule, r, *joined, PatternKind::kLiteral, &out, diags);
          }
        }
        for (const std::string& term : rule.exceptions) {
          AddLiteral(rule, r, term, PatternKind::kException, &out, diags);
          if (auto joined = WithoutSpaces(rule, term)) {
            AddLiteral(rule, r, *joined, PatternKind::kException, &out, diags);
          }
        }
        break;
      case MatcherKind::kRegex: {
        bool re2_only = false;
        for (const std::string& regex : rule.regexes) {
          if (!rule.case_sensitive && NeedsUnicodeCaseFolding(regex)) {
            re2_only = true;
            continue;
          }
          out.expressions.push_back(regex);
          out.flags.push_back(HS_FLAG_UTF8 | (rule.case_sensitive ? 0 : HS_FLAG_CASELESS));
          out.infos.push_back({r, PatternKind::kRegex});
        }
        if (re2_only) set.re2_only_rules.push_back(r);
        break;
      }
      case MatcherKind::kDetect:
        if (const DetectorSpec* spec = FindDetector(rule.detector)) {
          out.expressions.push_back(spec->hyperscan_pattern);
          out.flags.push_back(HS_FLAG_CASELESS);
          out.infos.push_back({r, PatternKind::kDetector});
        }
        break;
    }
  }
  return set;
}

namespace {

// Compiles one view; see CompileDatabases.
bool CompileView(const Ruleset& ruleset, ViewPatterns* view, std::vector<uint32_t>* re2_only,
                 Diagnostics* diags) {
  // Each failing regex is demoted and the compile retried: bounded by the
  // number of regexes, and in practice zero or one retry.
  while (!view->expressions.empty()) {
    std::vector<const char*> expressions;
    std::vector<unsigned> ids;
    for (size_t i = 0; i < view->expressions.size(); ++i) {
      expressions.push_back(view->expressions[i].c_str());
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    const hs_error_t rc =
        hs_compile_multi(expressions.data(), view->flags.data(), ids.data(),
                         static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                         &db, &error);
    if (rc == HS_SUCCESS) {
      view->database.reset(db);
      return true;
    }
    const int failed = error ? error->expression : -1;
    const std::string message = error && error->message ? error->message : "unknown error";
    if (error) hs_free_compile_error(error);
    if (failed < 0 || static_cast<size_t>(failed) >= view->infos.size()) {
      diags->Error({}, "", absl::StrCat("Hyperscan could not compile the ruleset: ", message));
      return false;
    }
    const PatternInfo& info = view->infos[failed];
    const Rule& rule = ruleset.rules[info.rule];
    if (info.kind != PatternKind::kRegex) {
      diags->Error(rule.matcher_location, rule.id,
                   absl::StrCat("Hyperscan cannot compile '", view->expressions[failed],
                                "': ", message));
      return false;
    }
    Fallback fallback{static_cast<uint32_t>(failed), Fallback::Kind::kPrefilter};
    if (view->flags[failed] & HS_FLAG_PREFILTER) {
      diags->Warning(rule.matcher_location, rule.id,
                     absl::StrCat("Hyperscan cannot run /", view->expressions[failed], "/ (",
                                  message, "); RE2 runs it on every post, which is slower"));
      if (std::find(re2_only->begin(), re2_only->end(), info.rule) == re2_only->end()) {
        re2_only->push_back(info.rule);
      }
      fallback.kind = Fallback::Kind::kRemove;
    }
    view->fallbacks.push_back(fallback);
    view->ApplyFallback(fallback);
  }
  return true;
}

}  // namespace

bool CompileDatabases(const Ruleset& ruleset, PatternSet* set, Diagnostics* diags) {
  for (ViewPatterns& view : set->views) {
    if (!CompileView(ruleset, &view, &set->re2_only_rules, diags)) return false;
  }
  return true;
}

}  // namespace vigil
