#include "compile/pattern_set.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/text.h"
#include "common/utf8.h"
#include "compile/detectors.h"
#include "normalize/case_pattern.h"
#include <unicode/uchar.h>

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

}  // namespace

PatternSet BuildPatternSet(const Ruleset& ruleset) {
  PatternSet set;
  for (uint32_t r = 0; r < ruleset.rules.size(); ++r) {
    const Rule& rule = ruleset.rules[r];
    switch (rule.matcher) {
      case MatcherKind::kWords:
      case MatcherKind::kPhrases:
        for (const std::string& term : rule.terms) {
          LiteralPattern literal = BuildLiteralPattern(term, rule.case_sensitive);
          PatternInfo info;
          info.rule = r;
          info.kind = PatternKind::kLiteral;
          info.code_points = literal.code_points;
          if (rule.matcher == MatcherKind::kWords) {
            info.whole_word_left = !IsSpacelessScriptCodePoint(DecodeUtf8At(term, 0));
            info.whole_word_right =
                !IsSpacelessScriptCodePoint(DecodeUtf8Before(term, term.size()));
          }
          set.expressions.push_back(std::move(literal.expression));
          set.flags.push_back(literal.flags);
          set.infos.push_back(info);
        }
        break;
      case MatcherKind::kRegex: {
        bool re2_only = false;
        for (const std::string& regex : rule.regexes) {
          if (!rule.case_sensitive && NeedsUnicodeCaseFolding(regex)) {
            re2_only = true;
            continue;
          }
          set.expressions.push_back(regex);
          set.flags.push_back(HS_FLAG_UTF8 | (rule.case_sensitive ? 0 : HS_FLAG_CASELESS));
          set.infos.push_back({r, PatternKind::kRegex, 0, false, false});
        }
        if (re2_only) set.re2_only_rules.push_back(r);
        break;
      }
      case MatcherKind::kDetect:
        if (const DetectorSpec* spec = FindDetector(rule.detector)) {
          set.expressions.push_back(spec->hyperscan_pattern);
          set.flags.push_back(HS_FLAG_CASELESS);
          set.infos.push_back({r, PatternKind::kDetector, 0, false, false});
        }
        break;
    }
  }
  return set;
}

HsDatabase CompileDatabase(const Ruleset& ruleset, PatternSet* set, Diagnostics* diags) {
  if (set->expressions.empty()) return nullptr;
  // Each failing regex is demoted and the compile retried: bounded by the
  // number of regexes, and in practice zero or one retry.
  for (;;) {
    std::vector<const char*> expressions;
    std::vector<unsigned> ids;
    for (size_t i = 0; i < set->expressions.size(); ++i) {
      expressions.push_back(set->expressions[i].c_str());
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    const hs_error_t rc =
        hs_compile_multi(expressions.data(), set->flags.data(), ids.data(),
                         static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                         &db, &error);
    if (rc == HS_SUCCESS) return HsDatabase(db);
    const int failed = error->expression;
    const std::string message = error->message ? error->message : "unknown error";
    hs_free_compile_error(error);
    if (failed < 0 || static_cast<size_t>(failed) >= set->infos.size()) {
      diags->Error({}, "", absl::StrCat("Hyperscan could not compile the ruleset: ", message));
      return nullptr;
    }
    PatternInfo& info = set->infos[failed];
    const Rule& rule = ruleset.rules[info.rule];
    if (info.kind != PatternKind::kRegex) {
      diags->Error(rule.matcher_location, rule.id,
                   absl::StrCat("Hyperscan cannot compile '", set->expressions[failed],
                                "': ", message));
      return nullptr;
    }
    if (!(set->flags[failed] & HS_FLAG_PREFILTER)) {
      set->flags[failed] |= HS_FLAG_PREFILTER;
      continue;
    }
    diags->Warning(rule.matcher_location, rule.id,
                   absl::StrCat("Hyperscan cannot run /", set->expressions[failed], "/ (",
                                message, "); RE2 runs it on every post, which is slower"));
    if (std::find(set->re2_only_rules.begin(), set->re2_only_rules.end(), info.rule) ==
        set->re2_only_rules.end()) {
      set->re2_only_rules.push_back(info.rule);
    }
    set->expressions.erase(set->expressions.begin() + failed);
    set->flags.erase(set->flags.begin() + failed);
    set->infos.erase(set->infos.begin() + failed);
    if (set->expressions.empty()) return nullptr;
  }
}

}  // namespace vigil
