#include "compile/engine.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "ruleset/loader.h"
#include "validate/pii_phone_metadata.h"
#include "validate/pii_tables.h"

namespace vigil {
namespace {

RE2::Options SpanFinderOptions(bool case_sensitive, int64_t max_mem = 8 << 20) {
  RE2::Options options;
  options.set_case_sensitive(case_sensitive);
  options.set_log_errors(false);
  options.set_max_mem(max_mem);
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
  return Build(path, std::move(sources), options, nullptr, diags);
}

absl::StatusOr<std::unique_ptr<Engine>> Engine::Restore(const std::string& path,
                                                        SourceSet sources,
                                                        const EngineOptions& options,
                                                        Stored stored, Diagnostics* diags) {
  return Build(path, std::move(sources), options, &stored, diags);
}

absl::Status Engine::RestorePatterns(Stored* stored) {
  // The file's checksum guards against damage; these checks keep a table
  // that does not fit the ruleset (a forged file) from indexing past it.
  const size_t rules = ruleset_.rules.size();
  for (const uint32_t rule : stored->patterns.re2_only_rules) {
    if (rule >= rules) return absl::DataLossError("the compiled file's pattern table is damaged");
  }
  for (int v = 0; v < kViewCount; ++v) {
    const ViewPatterns& view = stored->patterns.views[v];
    if (view.flags.size() != view.expressions.size() ||
        view.infos.size() != view.expressions.size()) {
      return absl::DataLossError("the compiled file's pattern table is damaged");
    }
    for (const PatternInfo& info : view.infos) {
      // A literal spans at least one code point: the scanner takes its start
      // as that many code points before the match's end.
      const bool literal = info.kind == PatternKind::kLiteral || info.kind == PatternKind::kException;
      if (info.rule >= rules || info.kind > PatternKind::kDetector ||
          (literal && info.code_points == 0) || info.runs_offset > view.min_runs.size() ||
          info.runs_size > view.min_runs.size() - info.runs_offset) {
        return absl::DataLossError("the compiled file's pattern table is damaged");
      }
    }
  }
  patterns_ = std::move(stored->patterns);
  for (int v = 0; v < kViewCount; ++v) {
    const std::string_view bytes = stored->databases[v];
    ViewPatterns& view = patterns_.views[v];
    if (bytes.empty()) {
      if (!view.expressions.empty()) {
        return absl::DataLossError("the compiled file has patterns but no database");
      }
      continue;
    }
    hs_database_t* db = nullptr;
    const hs_error_t rc = hs_deserialize_database(bytes.data(), bytes.size(), &db);
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
    view.database.reset(db);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Engine>> Engine::Build(
    const std::string& path, SourceSet sources, const EngineOptions& options,
    Stored* stored, Diagnostics* diags) {
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

  if (stored) {
    if (absl::Status s = engine->RestorePatterns(stored); !s.ok()) return s;
  } else {
    engine->patterns_ = BuildPatternSet(engine->ruleset_, diags);
  }
  size_t pattern_count = 0;
  for (const ViewPatterns& view : engine->patterns_.views) pattern_count += view.expressions.size();
  if (pattern_count > engine->options_.max_patterns) {
    diags->Error({path, 0, 0}, "",
                 absl::StrCat("the ruleset needs ", pattern_count,
                              " patterns, over the max_patterns budget of ",
                              engine->options_.max_patterns));
    return absl::InvalidArgumentError("the ruleset is over a compile budget");
  }
  if (!stored && !CompileDatabases(engine->ruleset_, &engine->patterns_, diags)) {
    return absl::InvalidArgumentError("the ruleset has errors");
  }
  size_t database_bytes = 0;
  for (const ViewPatterns& view : engine->patterns_.views) {
    size_t size = 0;
    if (view.database && hs_database_size(view.database.get(), &size) == HS_SUCCESS) {
      database_bytes += size;
    }
  }
  if (database_bytes > engine->options_.max_database_bytes) {
    diags->Error({path, 0, 0}, "",
                 absl::StrCat("the compiled databases take ", database_bytes,
                              " bytes, over the max_database_bytes budget of ",
                              engine->options_.max_database_bytes));
    return absl::InvalidArgumentError("the ruleset is over a compile budget");
  }
  // One scratch sized for every view's database.
  for (const ViewPatterns& view : engine->patterns_.views) {
    if (!view.database) continue;
    if (hs_alloc_scratch(view.database.get(), &engine->prototype_scratch_) != HS_SUCCESS) {
      return absl::ResourceExhaustedError("Hyperscan could not allocate scratch space");
    }
  }
  engine->BuildTables();
  return engine;
}

namespace {

// The largest RE2 program a regex may compile to (see CompileRule).
constexpr int kMaxRegexProgramSize = 1000;

// Checks one rule's regexes and detector, and fills what it needs at scan
// time. Reports every problem.
void CompileRule(const Rule& rule, const EngineOptions& options, CompiledRule* compiled,
                 Diagnostics* diags) {
  compiled->has_conditions = !rule.when.empty() || !rule.unless.empty();
  if (rule.matcher == MatcherKind::kRegex) {
    for (size_t i = 0; i < rule.regexes.size(); ++i) {
      const SourceLocation& where =
          i < rule.regex_locations.size() ? rule.regex_locations[i] : rule.location;
      if (rule.regexes[i].size() > options.max_regex_bytes) {
        diags->Error(where, rule.id,
                     absl::StrCat("regex of ", rule.regexes[i].size(),
                                  " bytes is over the max_regex_bytes budget of ",
                                  options.max_regex_bytes));
        continue;
      }
      auto re = std::make_unique<RE2>(rule.regexes[i],
                                      SpanFinderOptions(rule.case_sensitive, options.re2_max_mem));
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
      // RE2 is linear in the post, but each byte costs up to the program's
      // size once its DFA cache overflows: counted repeats ([a-c]{1000})
      // multiply it, and a 1 MiB post could take minutes. Refuse them.
      if (re->ok() && re->ProgramSize() > kMaxRegexProgramSize) {
        diags->Error(where, rule.id,
                     absl::StrCat("regex /", rule.regexes[i], "/ compiles to ",
                                  re->ProgramSize(), " RE2 instructions, over the limit of ",
                                  kMaxRegexProgramSize,
                                  " (counted repeats multiply: x{1000} is 1000 instructions)"));
        continue;
      }
      if (RE2::PartialMatch("", *re)) {
        diags->Error(where, rule.id,
                     absl::StrCat("regex /", rule.regexes[i],
                                  "/ matches empty text, so it would fire on every post"));
        continue;
      }
      compiled->span_finders.push_back(std::move(re));
    }
  } else if (rule.matcher == MatcherKind::kDetect) {
    compiled->detector = FindDetector(rule.detector);
    if (!compiled->detector) {
      size_t count;
      const DetectorSpec* all = AllDetectors(&count);
      std::string names;
      for (size_t i = 0; i < count; ++i) absl::StrAppend(&names, i ? ", " : "", all[i].name);
      diags->Error(rule.matcher_location, rule.id,
                   absl::StrCat("unknown detector '", rule.detector, "' (available: ", names,
                                ")"));
      return;
    }
    compiled->span_finders.push_back(
        std::make_unique<RE2>(compiled->detector->re2_pattern, SpanFinderOptions(false)));
  }
}

}  // namespace

bool Engine::CompileRules(Diagnostics* diags) {
  compiled_.resize(ruleset_.rules.size());
  bool reads_links = false;
  for (size_t r = 0; r < ruleset_.rules.size(); ++r) {
    const Rule& rule = ruleset_.rules[r];
    reads_links = reads_links || (rule.field_mask & (1u << VIGIL_FIELD_LINKS));
    CompileRule(rule, options_, &compiled_[r], diags);
  }
  for (const Rule& rule : ruleset_.unused_rules) {
    CompiledRule unused;
    CompileRule(rule, options_, &unused, diags);
  }
  if (reads_links) {
    link_finder_ =
        std::make_unique<RE2>(FindDetector("url")->re2_pattern, SpanFinderOptions(false));
  }
  // What the detectors load on first use is loaded now, with the engine,
  // so that no post pays for it (the phone numbering plans take ~50 ms).
  for (const CompiledRule& rule : compiled_) {
    if (!rule.detector) continue;
    DefaultDetectorTables();
    if (rule.detector->kind == DetectorKind::kPhone) PhoneNumbering::Default();
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
    view_fields_[static_cast<int>(rule.view)] |= rule.field_mask;
    CompiledRule& compiled = compiled_[r];
    for (const std::string& id : rule.escalate) {
      compiled.escalation_ids.push_back(ruleset_.escalations.at(id).id.c_str());
      compiled.escalation_ranks.push_back(rank.at(id));
    }
    if (compiled.has_conditions) unconditional_[r] = 0;
  }
}

}  // namespace vigil
