// baseline_matchers.cc — the matchers bench_baselines times and compares.
#include "baseline_matchers.h"

#include <cstdio>
#include <cstdlib>

namespace vigil::bench {
namespace {

RE2::Options Re2Options(bool latin1, int64_t max_mem) {
  RE2::Options options;
  options.set_encoding(latin1 ? RE2::Options::EncodingLatin1 : RE2::Options::EncodingUTF8);
  options.set_max_mem(max_mem);
  options.set_log_errors(false);
  return options;
}

struct CollectContext {
  std::vector<uint32_t>* ids;
  uint32_t base;
};

int Count(unsigned, unsigned long long, unsigned long long, unsigned, void* context) {
  ++*static_cast<size_t*>(context);
  return 0;
}

int Record(unsigned id, unsigned long long, unsigned long long, unsigned, void* context) {
  auto* c = static_cast<CollectContext*>(context);
  c->ids->push_back(c->base + id);
  return 0;
}

}  // namespace

void Die(const std::string& message) {
  std::fprintf(stderr, "bench_baselines: %s\n", message.c_str());
  std::exit(2);
}

PatternTable ExtractPatterns(const Engine& engine) {
  PatternTable table;
  table.engine = &engine;
  for (int v = 0; v < kViewCount; ++v) {
    const ViewKind view = static_cast<ViewKind>(v);
    const hs_database_t* db = engine.database(view);
    if (db == nullptr) continue;
    const ViewPatterns& vp = engine.patterns().views[v];
    table.databases.emplace_back(db, static_cast<uint32_t>(table.patterns.size()));
    for (size_t i = 0; i < vp.expressions.size(); ++i) {
      table.patterns.push_back({view, vp.expressions[i], vp.flags[i], vp.infos[i].kind,
                                engine.ruleset().rules[vp.infos[i].rule].id});
    }
  }
  table.re2_only_rules = engine.patterns().re2_only_rules.size();
  return table;
}

// ------------------------------------------------------------- Hyperscan

HyperscanMatcher::HyperscanMatcher(const PatternTable* table) : table_(table) {
  hs_scratch_t* s = nullptr;
  if (hs_clone_scratch(table->engine->prototype_scratch(), &s) != HS_SUCCESS) {
    Die("hs_clone_scratch failed");
  }
  scratch_.reset(s);
}

size_t HyperscanMatcher::Run(const BenchPost& post) {
  size_t matches = 0;
  for (size_t f = 0; f < post.field_count; ++f) {
    for (const auto& [db, base] : table_->databases) Scan(db, post.fields[f], Count, &matches);
  }
  return matches;
}

void HyperscanMatcher::Collect(const BenchPost& post, std::vector<uint32_t>* ids) {
  for (size_t f = 0; f < post.field_count; ++f) {
    for (const auto& [db, base] : table_->databases) {
      CollectContext context{ids, base};
      Scan(db, post.fields[f], Record, &context);
    }
  }
}

void HyperscanMatcher::Scan(const hs_database_t* db, std::string_view text,
                            match_event_handler handler, void* context) {
  if (hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch_.get(), handler,
              context) != HS_SUCCESS) {
    Die("hs_scan failed");
  }
}

// ----------------------------------------------------------------- Vigil

VigilClassifier::VigilClassifier(const vigil_engine* engine) {
  if (vigil_scanner_create(engine, &scanner_) != VIGIL_OK) Die("vigil_scanner_create failed");
}

VigilClassifier::~VigilClassifier() { vigil_scanner_free(scanner_); }

size_t VigilClassifier::Run(const BenchPost& post) {
  const vigil_verdict* verdict = nullptr;
  if (vigil_scanner_classify(scanner_, &post.api, &verdict) != VIGIL_OK) {
    Die(std::string("vigil_scanner_classify: ") + vigil_scanner_last_error(scanner_));
  }
  return vigil_verdict_hit_count(verdict) + vigil_verdict_dry_run_count(verdict) > 0;
}

// -------------------------------------------------------------- RE2::Set

Re2SetMatcher::Re2SetMatcher(const std::vector<Re2Pattern>& patterns,
                             const std::vector<Pattern>& items)
    : has_(items.size(), false) {
  for (bool latin1 : {false, true}) {
    Part part{std::make_unique<RE2::Set>(Re2Options(latin1, kSetMaxMem), RE2::UNANCHORED), {}};
    for (const Re2Pattern& p : patterns) {
      if (p.latin1 != latin1) continue;
      std::string why;
      if (part.set->Add(p.regex, &why) < 0) {
        excluded_.Add(items[p.id], why);
        continue;
      }
      part.ids.push_back(p.id);
    }
    if (part.ids.empty()) continue;
    if (!part.set->Compile()) {
      error_ = std::string("does not compile (") + (latin1 ? "Latin-1" : "UTF-8") + " set of " +
               std::to_string(part.ids.size()) + " patterns, max_mem " +
               std::to_string(kSetMaxMem >> 20) + " MiB)";
      return;
    }
    for (uint32_t id : part.ids) has_[id] = true;
    parts_.push_back(std::move(part));
  }
}

size_t Re2SetMatcher::Run(const BenchPost& post) {
  size_t found = 0;
  for (size_t f = 0; f < post.field_count; ++f) {
    for (const Part& part : parts_) {
      Match(part, post.fields[f]);
      found += matches_.size();
    }
  }
  return found;
}

void Re2SetMatcher::Collect(const BenchPost& post, std::vector<uint32_t>* ids) {
  for (size_t f = 0; f < post.field_count; ++f) {
    for (const Part& part : parts_) {
      Match(part, post.fields[f]);
      for (int i : matches_) ids->push_back(part.ids[i]);
    }
  }
}

// A failed match (the DFA out of memory) would miss patterns silently: it
// makes the row fail instead.
void Re2SetMatcher::Match(const Part& part, std::string_view text) {
  RE2::Set::ErrorInfo info;
  if (!part.set->Match(re2::StringPiece(text.data(), text.size()), &matches_, &info) &&
      info.kind != RE2::Set::kNoError && error_.empty()) {
    error_ = info.kind == RE2::Set::kOutOfMemory
                 ? "Match ran out of memory (max_mem " + std::to_string(kSetMaxMem >> 20) + " MiB)"
                 : "Match failed (RE2::Set::ErrorKind " + std::to_string(info.kind) + ")";
  }
}

// ------------------------------------------------------------ RE2 loop

Re2LoopMatcher::Re2LoopMatcher(const std::vector<Re2Pattern>& patterns,
                               const std::vector<Pattern>& items)
    : has_(items.size(), false) {
  for (const Re2Pattern& p : patterns) {
    auto re = std::make_unique<RE2>(p.regex, Re2Options(p.latin1, RE2::Options().max_mem()));
    if (!re->ok()) {
      excluded_.Add(items[p.id], re->error());
      continue;
    }
    has_[p.id] = true;
    regexes_.push_back({p.id, std::move(re)});
  }
}

size_t Re2LoopMatcher::Run(const BenchPost& post) {
  size_t found = 0;
  for (size_t f = 0; f < post.field_count; ++f) {
    const re2::StringPiece text(post.fields[f].data(), post.fields[f].size());
    for (const auto& [id, re] : regexes_) found += RE2::PartialMatch(text, *re);
  }
  return found;
}

void Re2LoopMatcher::Collect(const BenchPost& post, std::vector<uint32_t>* ids) {
  for (size_t f = 0; f < post.field_count; ++f) {
    const re2::StringPiece text(post.fields[f].data(), post.fields[f].size());
    for (const auto& [id, re] : regexes_) {
      if (RE2::PartialMatch(text, *re)) ids->push_back(id);
    }
  }
}

// ------------------------------------------------------------ std::regex

StdRegexMatcher::StdRegexMatcher(const std::vector<Pattern>& patterns)
    : has_(patterns.size(), false) {
  for (uint32_t id = 0; id < patterns.size(); ++id) {
    const Pattern& p = patterns[id];
    if (p.flags & ~kTranslatedFlags) {
      excluded_.Add(p, "Hyperscan flags without a translation");
      continue;
    }
    EcmaTranslator translator(p.expression, p.flags);
    std::string ecma;
    if (!translator.Translate(&ecma)) {
      excluded_.Add(p, translator.why());
      continue;
    }
    auto options = std::regex::ECMAScript | std::regex::nosubs;
    if (p.flags & HS_FLAG_CASELESS) options |= std::regex::icase;
    try {
      regexes_.emplace_back(id, std::regex(ecma, options));
    } catch (const std::regex_error& e) {
      excluded_.Add(p, std::string("std::regex refuses /") + ecma + "/: " + e.what());
      continue;
    }
    has_[id] = true;
  }
}

size_t StdRegexMatcher::Run(const BenchPost& post) {
  size_t found = 0;
  for (size_t f = 0; f < post.field_count; ++f) {
    for (const auto& [id, re] : regexes_) found += Search(post.fields[f], re);
  }
  return found;
}

void StdRegexMatcher::Collect(const BenchPost& post, std::vector<uint32_t>* ids) {
  for (size_t f = 0; f < post.field_count; ++f) {
    for (const auto& [id, re] : regexes_) {
      if (Search(post.fields[f], re)) ids->push_back(id);
    }
  }
}

bool StdRegexMatcher::Search(std::string_view text, const std::regex& re) {
  try {
    return std::regex_search(text.begin(), text.end(), re);
  } catch (const std::regex_error& e) {
    if (error_.empty()) error_ = std::string("regex_search threw: ") + e.what();
    return false;
  }
}

}  // namespace vigil::bench
