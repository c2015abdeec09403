#include "compile/engine.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "ruleset/loader.h"

namespace vigil {
namespace {

RE2::Options SpanFinderOptions(bool case_sensitive) {
  RE2::Options options;
  options.set_case_sensitive(case_sensitive);
  options.set_log_errors(false);
  return options;
}

// True when `regex` has a \b or \B assertion (outside a class, unescaped).
bool UsesWordBoundary(const std::string& regex) {
  for (size_t i = 0; i + 1 < regex.size(); ++i) {
    if (regex[i] != '\\') continue;
    if (regex[i + 1] == 'b' || regex[i + 1] == 'B') return true;
    ++i;  // skip the escaped character
  }
  return false;
}

}  // namespace

Engine::~Engine() {
  if (prototype_scratch_) hs_free_scratch(prototype_scratch_);
}

absl::StatusOr<std::unique_ptr<Engine>> Engine::Compile(const std::string& path,
                                                        SourceSet sources,
                                                        const EngineOptions& options,
                                                        Diagnostics* diags) {
  return Build(path, std::move(sources), options, std::nullopt, {}, diags);
}

absl::StatusOr<std::unique_ptr<Engine>> Engine::Restore(
    const std::string& path, SourceSet sources, const EngineOptions& options,
    PatternSet patterns, std::string_view serialized_database, Diagnostics* diags) {
  return Build(path, std::move(sources), options, std::move(patterns), serialized_database,
               diags);
}

absl::StatusOr<std::unique_ptr<Engine>> Engine::Build(
    const std::string& path, SourceSet sources, const EngineOptions& options,
    std::optional<PatternSet> restored_patterns, std::string_view serialized_database,
    Diagnostics* diags) {
  std::unique_ptr<Engine> engine(new Engine());
  engine->path_ = path;
  engine->options_ = options;
  if (engine->options_.max_post_bytes == 0) engine->options_.max_post_bytes = 1u << 20;
  std::optional<Ruleset> ruleset = LoadRuleset(path, &sources, diags);
  engine->sources_ = sources.files();
  if (!ruleset) return absl::NotFoundError("the ruleset file could not be read");
  engine->ruleset_ = std::move(*ruleset);
  // Regexes and detectors are checked even when loading found problems, so
  // that one run reports everything.
  engine->CompileRules(diags);
  if (diags->has_errors()) return absl::InvalidArgumentError("the ruleset has errors");

  if (restored_patterns) {
    engine->patterns_ = std::move(*restored_patterns);
    for (const PatternInfo& info : engine->patterns_.infos) {
      if (info.rule >= engine->ruleset_.rules.size()) {
        return absl::DataLossError("the compiled file's pattern table names no rule");
      }
    }
    for (uint32_t rule : engine->patterns_.re2_only_rules) {
      if (rule >= engine->ruleset_.rules.size()) {
        return absl::DataLossError("the compiled file's RE2 table names no rule");
      }
    }
    if (!serialized_database.empty()) {
      hs_database_t* db = nullptr;
      const hs_error_t rc = hs_deserialize_database(serialized_database.data(),
                                                    serialized_database.size(), &db);
      if (rc == HS_DB_PLATFORM_ERROR) {
        return absl::UnimplementedError(
            "the compiled file was built for another CPU platform; recompile the ruleset");
      }
      if (rc == HS_DB_VERSION_ERROR) {
        return absl::FailedPreconditionError(
            "the compiled file was built by another Hyperscan version; recompile the ruleset");
      }
      if (rc != HS_SUCCESS) {
        return absl::DataLossError(
            absl::StrCat("the compiled file's Hyperscan database is damaged (error ", rc, ")"));
      }
      engine->database_.reset(db);
    } else if (!engine->patterns_.infos.empty()) {
      return absl::DataLossError("the compiled file has patterns but no database");
    }
  } else {
    engine->patterns_ = BuildPatternSet(engine->ruleset_);
    engine->database_ = CompileDatabase(engine->ruleset_, &engine->patterns_, diags);
    if (diags->has_errors()) return absl::InvalidArgumentError("the ruleset has errors");
  }
  if (engine->database_) {
    if (hs_alloc_scratch(engine->database_.get(), &engine->prototype_scratch_) != HS_SUCCESS) {
      return absl::ResourceExhaustedError("Hyperscan could not allocate scratch space");
    }
  }
  engine->BuildTables();
  return engine;
}

bool Engine::CompileRules(Diagnostics* diags) {
  compiled_.resize(ruleset_.rules.size());
  bool reads_links = false;
  for (size_t r = 0; r < ruleset_.rules.size(); ++r) {
    const Rule& rule = ruleset_.rules[r];
    CompiledRule& compiled = compiled_[r];
    reads_links = reads_links || (rule.field_mask & (1u << VIGIL_FIELD_LINKS));
    compiled.has_conditions = !rule.when.empty() || !rule.unless.empty();
    if (rule.matcher == MatcherKind::kRegex) {
      for (size_t i = 0; i < rule.regexes.size(); ++i) {
        auto re = std::make_unique<RE2>(rule.regexes[i], SpanFinderOptions(rule.case_sensitive));
        const SourceLocation& where =
            i < rule.regex_locations.size() ? rule.regex_locations[i] : rule.location;
        if (UsesWordBoundary(rule.regexes[i])) {
          diags->Error(where, rule.id,
                       absl::StrCat("regex /", rule.regexes[i],
                                    "/ uses \\b or \\B, which know only ASCII letters; use "
                                    "words: for whole words in every script, or explicit "
                                    "classes"));
          continue;
        }
        if (!re->ok()) {
          diags->Error(where, rule.id,
                       absl::StrCat("invalid regex /", rule.regexes[i], "/: ", re->error(),
                                    " (regexes use RE2 syntax; backreferences and "
                                    "lookaround are not supported)"));
          continue;
        }
        if (RE2::PartialMatch("", *re)) {
          diags->Error(where, rule.id,
                       absl::StrCat("regex /", rule.regexes[i],
                                    "/ matches empty text, so it would fire on every post"));
          continue;
        }
        compiled.span_finders.push_back(std::move(re));
      }
    } else if (rule.matcher == MatcherKind::kDetect) {
      compiled.detector = FindDetector(rule.detector);
      if (!compiled.detector) {
        size_t count;
        const DetectorSpec* all = AllDetectors(&count);
        std::string names;
        for (size_t i = 0; i < count; ++i) absl::StrAppend(&names, i ? ", " : "", all[i].name);
        diags->Error(rule.matcher_location, rule.id,
                     absl::StrCat("unknown detector '", rule.detector, "' (available: ", names,
                                  ")"));
        continue;
      }
      compiled.span_finders.push_back(
          std::make_unique<RE2>(compiled.detector->re2_pattern, SpanFinderOptions(false)));
    }
  }
  if (reads_links) {
    link_finder_ =
        std::make_unique<RE2>(FindDetector("url")->re2_pattern, SpanFinderOptions(false));
  }
  return !diags->has_errors();
}

void Engine::BuildTables() {
  // Escalations: most urgent first, declaration order among equals.
  std::vector<const Escalation*> order;
  for (const std::string& id : ruleset_.escalation_order) {
    order.push_back(&ruleset_.escalations.at(id));
  }
  std::stable_sort(order.begin(), order.end(), [](const Escalation* a, const Escalation* b) {
    return a->priority > b->priority;
  });
  std::map<std::string, uint32_t> rank;
  for (const Escalation* e : order) {
    rank[e->id] = static_cast<uint32_t>(escalation_table_.size());
    escalation_table_.push_back({e->id.c_str(), e->priority, e->description.c_str()});
  }
  unconditional_.assign(ruleset_.rules.size(), 1);
  for (size_t r = 0; r < ruleset_.rules.size(); ++r) {
    const Rule& rule = ruleset_.rules[r];
    CompiledRule& compiled = compiled_[r];
    for (const std::string& id : rule.escalate) {
      compiled.escalation_ids.push_back(ruleset_.escalations.at(id).id.c_str());
      compiled.escalation_ranks.push_back(rank.at(id));
    }
    if (compiled.has_conditions) unconditional_[r] = 0;
  }
}

}  // namespace vigil
