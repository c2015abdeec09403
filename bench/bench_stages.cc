// bench_stages.cc — the parts of a classification that bench_normalize and
// bench_scan do not isolate, each timed alone on the mixed corpus and the
// ruleset bench_classify uses, so that a change in classify's time can be
// traced to its stage (issue 7). Links the internal static library
// vigil_core. The Classifier's own steps (CheckPost, LayOutFields,
// ConfirmMatches, Decide, Censor) are private, so each benchmark drives the
// public function of the stage that does the work.
//
// Fixed costs of every post (decide/decider.cc):
//   BM_Check/mixed        UTF-8 validation of every string of the post (the
//                         work of CheckPost)
//   BM_Links/mixed        the links written in the body: the url detector's
//                         RE2 and check on bodies with "://" or "www." (the
//                         work of LayOutFields)
//   BM_Conditions/mixed   `when`/`unless` of every conditional rule
//   BM_ViewsScan/mixed    the views of every field, then Scanner::Scan with
//                         its match callback (normalize + scan; bench_scan
//                         times them apart, without the callback)
// Validate, on the candidates Hyperscan marks on the corpus (collected
// before timing):
//   BM_Detect/mixed/<detector>
//                         FindDetectorFindings on each (rule, field)
//                         candidate of the detector's rules: RE2 spans and
//                         the checks, as ConfirmMatches runs them
//   BM_DetectCheck/mixed/<detector>
//                         ConfirmDetector alone on each span RE2 finds in
//                         those fields: the checks without the search
//   BM_Detect/pii/<detector>, BM_DetectCheck/pii/<detector>
//                         the same on tests/data/pii/labelled.jsonl, one
//                         post per record: positives and near misses of
//                         every detector, where the mixed corpus has no
//                         candidate for some (ids, IPs, wallets, secrets)
//   BM_RegexSpans/mixed   RE2 spans of the regex rules in their candidate
//                         fields
//   BM_WholeWords/mixed   the whole-word check of the literal hits that
//                         need one
// Decide, on the verdicts the classifier gives each post:
//   BM_Censor/mixed       ApplyMasks on the title and body of censored posts
//   BM_VerdictJson/mixed  WriteVerdictJson of every verdict (not part of
//                         classify: the C API renders JSON on request)
//   BM_Classify/mixed     Classifier::Classify end to end, the reference
//
// One iteration covers the corpus. time/post is CPU time per post of the
// corpus, so the stages add up to BM_Classify's; time/cand is per candidate,
// `cands` their number: candidate fields for BM_Detect and BM_RegexSpans,
// RE2 spans for BM_DetectCheck, literal hits for BM_WholeWords. After the
// runs (console format only), a table gives each stage's time per post and
// share of BM_Classify, and the remainder no benchmark isolates: Decide
// itself (min_count, hits, escalations, messages), the other literal checks
// (repeats, exceptions), the mapping of spans to the original text and the
// sorting of matches.
//
// Before any timing, the matches that the collected candidates give must be
// those of the classifier's verdicts, rule by rule, for every regex and
// detector rule with min_count 1, and each verdict's copy must render the
// same JSON as the verdict; otherwise every benchmark reports an error.
//
//   bench_stages [--posts=N] [--seed=S] [--ruleset=PATH] [benchmark flags]
#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/utf8.h"
#include "compile/detectors.h"
#include "compile/engine.h"
#include "api_post.h"
#include "corpus.h"
#include "internal_engine.h"
#include "decide/censor.h"
#include "decide/conditions.h"
#include "decide/decider.h"
#include "decide/verdict.h"
#include "decide/verdict_json.h"
#include "normalize/text_view.h"
#include "ruleset/diagnostics.h"
#include "ruleset/source.h"
#include "scan/scanner.h"
#include "validate/detector_checks.h"
#include "validate/pii_tables.h"
#include "validate/span_finder.h"
#include "validate/word_boundary.h"
#include "vigil/vigil.h"

namespace vigil::bench {
namespace {

BenchFlags g_config = [] {
  BenchFlags flags;
  flags.ruleset = VIGIL_SOURCE_DIR "/rules/community-default.yaml";
  return flags;
}();

const Engine& GetEngine() {
  static const std::unique_ptr<Engine> engine =
      CompileEngineOrExit(g_config.ruleset, "bench_stages");
  return *engine;
}

std::string_view View(const vigil_str& s) {
  return s.data ? std::string_view(s.data, s.size) : std::string_view();
}

// The classifier's steps from a post to Hyperscan's literal hits and
// candidates, over the same public functions it calls.
class Pipeline {
 public:
  explicit Pipeline(const Engine& engine) : engine_(engine) {
    auto scanner = Scanner::Create(engine);
    if (!scanner.ok()) {
      std::fprintf(stderr, "bench_stages: %s\n", std::string(scanner.status().message()).c_str());
      std::exit(1);
    }
    scanner_ = std::move(*scanner);
  }

  // Lays out the post's fields (`links`: the links found in its body),
  // builds the views the ruleset uses and scans them.
  bool Run(const vigil_post& post, const std::vector<Span>& links,
           const std::vector<uint8_t>& applies) {
    count_ = 0;
    const std::string_view body = View(post.body);
    Add(VIGIL_FIELD_TITLE, 0, View(post.title), 0);
    Add(VIGIL_FIELD_BODY, 0, body, 0);
    Add(VIGIL_FIELD_AUTHOR_NAME, 0, View(post.author_name), 0);
    for (uint32_t i = 0; i < links.size(); ++i)
      Add(VIGIL_FIELD_LINKS, i, body.substr(links[i].start, links[i].end - links[i].start),
          links[i].start);
    for (size_t i = 0; i < count_; ++i) BuildFieldViews(engine_, &fields_[i]);
    return scanner_
        ->Scan(absl::MakeConstSpan(fields_.data(), count_), applies, &literals_, &candidates_)
        .ok();
  }

  const FieldViews& field(size_t i) const { return fields_[i]; }
  const std::vector<LiteralHit>& literals() const { return literals_; }
  const std::vector<Candidate>& candidates() const { return candidates_; }

 private:
  void Add(vigil_field field, uint32_t link_index, std::string_view text, size_t body_offset) {
    if (count_ == fields_.size()) fields_.emplace_back();
    FieldViews& f = fields_[count_++];
    f.field = field;
    f.link_index = link_index;
    f.text = text;
    f.body_offset = body_offset;
  }

  const Engine& engine_;
  std::unique_ptr<Scanner> scanner_;
  std::vector<FieldViews> fields_;  // grows only: views keep their buffers
  size_t count_ = 0;
  std::vector<LiteralHit> literals_;
  std::vector<Candidate> candidates_;
};

// A field some rule's RE2 runs on, with that RE2.
struct FinderJob {
  const RE2* finder;
  uint32_t text;  // index into Stages::texts
};

struct DetectorWork {
  std::vector<FinderJob> fields;                 // what BM_Detect runs
  std::vector<std::pair<uint32_t, Span>> spans;  // what BM_DetectCheck runs
};

struct WordCheck {
  uint32_t text;
  size_t start;
  size_t end;
  bool left;
  bool right;
};

struct CensorJob {
  std::string_view text;
  std::vector<MaskSpan> spans;
};

// The corpus and everything the stages need, computed once.
struct Stages {
  std::vector<Post> posts;
  std::vector<vigil_post> views;
  std::vector<std::vector<vigil_str>> roles;
  std::vector<std::vector<Span>> links;       // found in each post's body
  std::vector<std::vector<uint8_t>> applies;  // each post's rules
  // Views of fields that rules' RE2 or whole-word checks read.
  std::vector<std::string> texts;
  std::array<DetectorWork, kDetectorKindCount> detectors;
  std::vector<FinderJob> regexes;
  std::vector<WordCheck> words;
  std::vector<CensorJob> censor;
  std::vector<Verdict> verdicts;
  std::string error;  // why the benchmarks cannot run on these posts
};

// A copy of `from` whose hits and matches point into the copy itself.
void CopyVerdict(const Verdict& from, Verdict* to) {
  *to = from;
  for (auto [src, dst] :
       {std::pair(&from.hits, &to->hits), std::pair(&from.dry_runs, &to->dry_runs)}) {
    for (size_t h = 0; h < src->size(); ++h)
      (*dst)[h].matches = to->matches.data() + ((*src)[h].matches - from.matches.data());
  }
  for (size_t k = 0; k < from.matches.size(); ++k)
    to->matches[k].text = to->match_text.data() + (from.matches[k].text - from.match_text.data());
}

// Collects post `i`'s validation work into `s` and counts, per rule, the
// matches it gives.
void CollectCandidates(const Engine& engine, const Pipeline& pipeline, Stages* s,
                       std::vector<size_t>* predicted) {
  const PatternSet& patterns = engine.patterns();
  std::map<std::pair<uint32_t, int>, uint32_t> text_index;  // (field, view)
  auto text_of = [&](uint32_t instance, ViewKind view) {
    auto [it, added] = text_index.try_emplace({instance, static_cast<int>(view)},
                                              static_cast<uint32_t>(s->texts.size()));
    if (added) s->texts.emplace_back(pipeline.field(instance).views[static_cast<int>(view)].text());
    return it->second;
  };
  for (const LiteralHit& hit : pipeline.literals()) {
    const PatternInfo& info = patterns.views[static_cast<int>(hit.view)].infos[hit.pattern];
    const TextView& view = pipeline.field(hit.instance).views[static_cast<int>(hit.view)];
    const bool left = info.whole_word_left && !view.SoftBoundaryBefore(hit.start);
    const bool right = info.whole_word_right && !view.SoftBoundaryBefore(hit.end);
    if (left || right)
      s->words.push_back({text_of(hit.instance, hit.view), hit.start, hit.end, left, right});
  }
  std::vector<Span> spans;
  std::vector<DetectorFinding> findings;
  for (const Candidate& c : pipeline.candidates()) {
    const Rule& rule = engine.ruleset().rules[c.rule];
    const CompiledRule& compiled = engine.compiled_rule(c.rule);
    const uint32_t t = text_of(c.instance, rule.view);
    const std::string_view text = s->texts[t];
    std::set<std::pair<size_t, size_t>> matches;  // ConfirmMatches drops duplicates
    for (const auto& finder : compiled.span_finders) {
      spans.clear();
      FindAllSpans(*finder, text, &spans);
      if (!compiled.detector) {
        s->regexes.push_back({finder.get(), t});
        for (Span span : spans) matches.insert({span.start, span.end});
        continue;
      }
      DetectorWork& work = s->detectors[static_cast<size_t>(compiled.detector->kind)];
      work.fields.push_back({finder.get(), t});
      for (Span span : spans) work.spans.push_back({t, span});
      findings.clear();
      FindDetectorFindings(compiled.detector->kind, *finder, text, DefaultDetectorTables(),
                           &findings);
      for (const DetectorFinding& f : findings)
        if (f.confidence >= rule.min_confidence) matches.insert({f.span.start, f.span.end});
    }
    (*predicted)[c.rule] += matches.size();
  }
}

// Runs the pipeline and the classifier over `posts` and keeps what each
// stage needs.
Stages BuildStages(std::vector<Post> posts) {
  const Engine& engine = GetEngine();
  const Ruleset& ruleset = engine.ruleset();
  Stages s;
  s.posts = std::move(posts);
  const size_t n = s.posts.size();
  s.views.reserve(n);
  s.roles.reserve(n);
  for (const Post& p : s.posts) {
    vigil_post v;
    ToApiPost(p, &s.roles.emplace_back(), &v);
    s.views.push_back(v);
  }

  auto classifier = Classifier::Create(engine);
  if (!classifier.ok()) {
    std::fprintf(stderr, "bench_stages: %s\n", std::string(classifier.status().message()).c_str());
    std::exit(1);
  }
  std::unordered_map<const char*, uint32_t> rule_of_id;  // vigil_hit::rule_id -> index
  for (uint32_t r = 0; r < ruleset.rules.size(); ++r) rule_of_id[ruleset.rules[r].id.c_str()] = r;
  std::vector<size_t> predicted(ruleset.rules.size()), classified(ruleset.rules.size());
  Pipeline pipeline(engine);
  s.verdicts.resize(n);  // never resized again: CopyVerdict's pointers stay valid
  for (size_t i = 0; i < n; ++i) {
    const vigil_post& post = s.views[i];
    std::vector<Span>& links = s.links.emplace_back();
    const std::string_view body = View(post.body);
    if (engine.link_finder()) FindLinks(*engine.link_finder(), body, &links);
    std::vector<uint8_t>& applies = s.applies.emplace_back(engine.unconditional());
    for (size_t r = 0; r < ruleset.rules.size(); ++r)
      if (!applies[r]) applies[r] = RuleApplies(ruleset.rules[r], post);
    if (!pipeline.Run(post, links, applies)) {
      s.error = "post " + s.posts[i].id + ": the scan failed";
      return s;
    }
    CollectCandidates(engine, pipeline, &s, &predicted);

    if (absl::Status status = (*classifier)->Classify(post); !status.ok()) {
      s.error = "post " + s.posts[i].id + ": " + std::string(status.message());
      return s;
    }
    const Verdict& verdict = (*classifier)->verdict();
    CopyVerdict(verdict, &s.verdicts[i]);
    if (s.verdicts[i].Json() != verdict.Json()) {
      s.error = "post " + s.posts[i].id + ": the verdict's copy renders other JSON";
      return s;
    }
    for (const auto* list : {&verdict.hits, &verdict.dry_runs})
      for (const vigil_hit& hit : *list) classified[rule_of_id.at(hit.rule_id)] += hit.match_count;
    if (!verdict.censored) continue;
    for (vigil_field field : {VIGIL_FIELD_TITLE, VIGIL_FIELD_BODY}) {
      CensorJob& job = s.censor.emplace_back();
      job.text = View(field == VIGIL_FIELD_TITLE ? post.title : post.body);
      for (const vigil_hit& hit : verdict.hits) {
        if (hit.action != VIGIL_ACTION_CENSOR && hit.action != VIGIL_ACTION_REDACT) continue;
        const Rule& rule = ruleset.rules[rule_of_id.at(hit.rule_id)];
        for (size_t k = 0; k < hit.match_count; ++k) {
          const vigil_match& m = hit.matches[k];
          if (m.field == field)
            job.spans.push_back({m.start, m.end, hit.action == VIGIL_ACTION_REDACT,
                                 RedactionText(rule), rule.redact_shape});
        }
      }
    }
  }
  for (size_t r = 0; r < ruleset.rules.size(); ++r) {
    const Rule& rule = ruleset.rules[r];
    const bool spans_by_re2 =
        rule.matcher == MatcherKind::kDetect || rule.matcher == MatcherKind::kRegex;
    if (spans_by_re2 && rule.min_count == 1 && predicted[r] != classified[r]) {
      s.error = "rule " + rule.id + ": " + std::to_string(predicted[r]) +
                " matches from the collected candidates, " + std::to_string(classified[r]) +
                " in the classifier's verdicts";
      break;
    }
  }
  return s;
}

enum class PostSet { kMixed, kPii };

// tests/data/pii/labelled.jsonl, one post per record (its text as the body):
// positives and near misses of every detector, which the mixed corpus does
// not all produce.
std::vector<Post> ReadLabelledPii(std::string* error) {
  const std::string path = VIGIL_SOURCE_DIR "/tests/data/pii/labelled.jsonl";
  std::ifstream in(path);
  if (!in) *error = "cannot read " + path;
  std::vector<Post> posts;
  for (std::string line; std::getline(in, line);) {
    const nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded() || !record.contains("text")) {
      *error = path + ": line " + std::to_string(posts.size() + 1) + " is not a record";
      break;
    }
    Post& post = posts.emplace_back();
    post.id = record.value("id", "");
    post.body = record["text"].get<std::string>();
    post.lang = record.value("lang", "");
  }
  return posts;
}

const Stages& GetStages(PostSet set) {
  static Stages mixed = [] {
    CorpusOptions options;
    options.posts = g_config.posts;
    options.seed = g_config.seed;
    return BuildStages(GenerateCorpus(options));
  }();
  if (set == PostSet::kMixed) return mixed;
  static Stages pii = [] {
    std::string error;
    std::vector<Post> posts = ReadLabelledPii(&error);
    Stages stages = BuildStages(std::move(posts));
    if (!error.empty()) stages.error = error;
    return stages;
  }();
  return pii;
}

// The stages, or null after reporting their setup error.
const Stages* StagesOrSkip(benchmark::State& state, PostSet set = PostSet::kMixed) {
  const Stages& s = GetStages(set);
  if (s.error.empty()) return &s;
  state.SkipWithError(s.error.c_str());
  return nullptr;
}

// Seconds of CPU per `count` things per iteration (printed as e.g. "85n").
benchmark::Counter PerItem(size_t count) {
  return benchmark::Counter(
      static_cast<double>(count),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void SetPerPost(benchmark::State& state, const Stages& s) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * s.posts.size()));
  state.counters["time/post"] = PerItem(s.posts.size());
}

void SetPerCandidate(benchmark::State& state, const Stages& s, size_t candidates) {
  SetPerPost(state, s);
  state.counters["cands"] = static_cast<double>(candidates);
  if (candidates > 0) state.counters["time/cand"] = PerItem(candidates);
}

// -------------------------------------------------------- fixed costs

void BM_Check(benchmark::State& state) {
  const Stages* stages = StagesOrSkip(state);
  if (!stages) return;
  const Stages& s = *stages;
  for (auto _ : state) {
    bool valid = true;
    for (const vigil_post& p : s.views) {
      for (const vigil_str* str :
           {&p.id, &p.title, &p.body, &p.author_name, &p.author_id, &p.channel, &p.lang})
        valid &= IsValidUtf8(View(*str));
      for (size_t r = 0; r < p.author_role_count; ++r)
        valid &= IsValidUtf8(View(p.author_roles[r]));
    }
    benchmark::DoNotOptimize(valid);
  }
  SetPerPost(state, s);
}

void BM_Links(benchmark::State& state) {
  const Stages* stages = StagesOrSkip(state);
  if (!stages) return;
  const Stages& s = *stages;
  const RE2* finder = GetEngine().link_finder();
  if (!finder) {
    state.SkipWithError("no rule reads links: the classifier never searches bodies for them");
    return;
  }
  std::vector<Span> spans;
  size_t links = 0;
  for (auto _ : state) {
    links = 0;
    for (const vigil_post& p : s.views) {
      spans.clear();
      FindLinks(*finder, View(p.body), &spans);
      links += spans.size();
    }
  }
  SetPerPost(state, s);
  state.counters["links"] = static_cast<double>(links);
}

void BM_Conditions(benchmark::State& state) {
  const Stages* stages = StagesOrSkip(state);
  if (!stages) return;
  const Stages& s = *stages;
  const Engine& engine = GetEngine();
  const std::vector<Rule>& rules = engine.ruleset().rules;
  std::vector<uint8_t> applies;
  for (auto _ : state) {
    for (const vigil_post& p : s.views) {
      applies = engine.unconditional();
      for (size_t r = 0; r < rules.size(); ++r)
        if (!applies[r]) applies[r] = RuleApplies(rules[r], p);
      benchmark::DoNotOptimize(applies.data());
    }
  }
  SetPerPost(state, s);
  size_t conditional = 0;
  for (uint8_t u : engine.unconditional()) conditional += !u;
  state.counters["rules"] = static_cast<double>(conditional);
}

void BM_ViewsScan(benchmark::State& state) {
  const Stages* stages = StagesOrSkip(state);
  if (!stages) return;
  const Stages& s = *stages;
  Pipeline pipeline(GetEngine());
  // Warm-up: the views' buffers grow to the largest field.
  for (size_t i = 0; i < s.views.size(); ++i) pipeline.Run(s.views[i], s.links[i], s.applies[i]);
  size_t literals = 0, candidates = 0;
  for (auto _ : state) {
    literals = candidates = 0;
    for (size_t i = 0; i < s.views.size(); ++i) {
      pipeline.Run(s.views[i], s.links[i], s.applies[i]);
      literals += pipeline.literals().size();
      candidates += pipeline.candidates().size();
    }
  }
  SetPerPost(state, s);
  state.counters["literals"] = static_cast<double>(literals);
  state.counters["cands"] = static_cast<double>(candidates);
}

// ----------------------------------------------------------- validate

void BM_Detect(benchmark::State& state, PostSet set, DetectorKind kind) {
  const Stages* stages = StagesOrSkip(state, set);
  if (!stages) return;
  const Stages& s = *stages;
  const DetectorWork& work = s.detectors[static_cast<size_t>(kind)];
  const DetectorTables& tables = DefaultDetectorTables();
  std::vector<DetectorFinding> findings;
  size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const FinderJob& job : work.fields) {
      findings.clear();
      FindDetectorFindings(kind, *job.finder, s.texts[job.text], tables, &findings);
      found += findings.size();
    }
  }
  SetPerCandidate(state, s, work.fields.size());
  state.counters["found"] = static_cast<double>(found);
}

void BM_DetectCheck(benchmark::State& state, PostSet set, DetectorKind kind) {
  const Stages* stages = StagesOrSkip(state, set);
  if (!stages) return;
  const Stages& s = *stages;
  const DetectorWork& work = s.detectors[static_cast<size_t>(kind)];
  const DetectorTables& tables = DefaultDetectorTables();
  size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const auto& [text, span] : work.spans)
      found += ConfirmDetector(kind, s.texts[text], span, tables).has_value();
  }
  SetPerCandidate(state, s, work.spans.size());
  state.counters["found"] = static_cast<double>(found);
}

void BM_RegexSpans(benchmark::State& state) {
  const Stages* stages = StagesOrSkip(state);
  if (!stages) return;
  const Stages& s = *stages;
  std::vector<Span> spans;
  for (auto _ : state) {
    for (const FinderJob& job : s.regexes) {
      spans.clear();
      FindAllSpans(*job.finder, s.texts[job.text], &spans);
      benchmark::DoNotOptimize(spans.data());
    }
  }
  SetPerCandidate(state, s, s.regexes.size());
}

void BM_WholeWords(benchmark::State& state) {
  const Stages* stages = StagesOrSkip(state);
  if (!stages) return;
  const Stages& s = *stages;
  size_t whole = 0;
  for (auto _ : state) {
    whole = 0;
    for (const WordCheck& w : s.words)
      whole += IsWholeWordMatch(s.texts[w.text], w.start, w.end, w.left, w.right);
  }
  SetPerCandidate(state, s, s.words.size());
  state.counters["whole"] = static_cast<double>(whole);
}

// ------------------------------------------------------------- decide

void BM_Censor(benchmark::State& state) {
  const Stages* stages = StagesOrSkip(state);
  if (!stages) return;
  const Stages& s = *stages;
  std::vector<MaskSpan> spans;
  std::string out;
  for (auto _ : state) {
    for (const CensorJob& job : s.censor) {
      spans = job.spans;  // ApplyMasks sorts them in place
      ApplyMasks(job.text, &spans, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  SetPerPost(state, s);
  state.counters["fields"] = static_cast<double>(s.censor.size());
}

void BM_VerdictJson(benchmark::State& state) {
  const Stages* stages = StagesOrSkip(state);
  if (!stages) return;
  const Stages& s = *stages;
  std::string out;
  size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const Verdict& v : s.verdicts) {
      WriteVerdictJson(v, &out);
      bytes += out.size();
    }
  }
  SetPerPost(state, s);
  state.counters["json_bytes/post"] =
      static_cast<double>(bytes) / static_cast<double>(s.verdicts.size());
}

void BM_Classify(benchmark::State& state) {
  const Stages* stages = StagesOrSkip(state);
  if (!stages) return;
  const Stages& s = *stages;
  auto classifier = Classifier::Create(GetEngine());
  if (!classifier.ok()) {
    state.SkipWithError("Classifier::Create failed");
    return;
  }
  for (const vigil_post& p : s.views) (void)(*classifier)->Classify(p);  // warm-up
  for (auto _ : state) {
    for (const vigil_post& p : s.views) {
      absl::Status status = (*classifier)->Classify(p);
      benchmark::DoNotOptimize(status);
    }
  }
  SetPerPost(state, s);
}

// ------------------------------------------------------------ summary

constexpr char kReference[] = "BM_Classify/mixed";
constexpr char kPiiNote[] = "(labelled PII set)";

// The benchmarks in the order of the table. A part's work is a disjoint
// piece of BM_Classify's, so the parts add up to it but for the remainder;
// the others carry a note saying why they are not added.
struct Listed {
  std::string name;
  const char* note;  // null: a part of BM_Classify
};
std::vector<Listed>& Listing() {
  static std::vector<Listed> listing;
  return listing;
}

// The console output, then a table of time per post and share of
// BM_Classify (the medians when runs are repeated).
class StageTableReporter : public benchmark::ConsoleReporter {
 public:
  explicit StageTableReporter(OutputOptions options) : ConsoleReporter(options) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      if (run.error_occurred || (run.run_type == Run::RT_Aggregate && !median)) continue;
      auto per_post = run.counters.find("time/post");
      if (per_post == run.counters.end()) continue;
      Row& row = rows_[run.run_name.str()];
      if (row.median && !median) continue;
      row.median = median;
      row.per_post = per_post->second.value;
      auto per_cand = run.counters.find("time/cand");
      row.per_cand = per_cand == run.counters.end() ? 0 : per_cand->second.value;
      auto cands = run.counters.find("cands");
      row.cands = cands == run.counters.end() ? -1 : cands->second.value;
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    if (rows_.empty()) return;
    auto reference = rows_.find(kReference);
    const double total = reference == rows_.end() ? 0 : reference->second.per_post;
    std::ostream& out = GetOutputStream();
    char line[200];
    auto print = [&](const std::string& name, double per_post, const Row* row, bool share,
                     const char* note) {
      char percent[16] = "", per_cand[24] = "", cands[24] = "";
      if (share && total > 0)
        std::snprintf(percent, sizeof percent, "%.1f%%", 100 * per_post / total);
      if (row && row->per_cand > 0)
        std::snprintf(per_cand, sizeof per_cand, "%.0f ns", row->per_cand * 1e9);
      if (row && row->cands >= 0) std::snprintf(cands, sizeof cands, "%.0f", row->cands);
      std::snprintf(line, sizeof line, "%-34s %10.1f ns %7s %11s %7s  %s\n", name.c_str(),
                    per_post * 1e9, percent, per_cand, cands, note ? note : "");
      out << line;
    };
    std::snprintf(line, sizeof line, "\n%-34s %13s %7s %11s %7s\n", "stage (CPU time)", "per post",
                  total > 0 ? "share" : "", "per cand", "cands");
    out << line;
    double parts = 0;
    std::string idle;  // detectors with nothing to do on the mixed corpus
    for (const Listed& listed : Listing()) {
      auto it = rows_.find(listed.name);
      if (it == rows_.end() || listed.name == kReference || listed.note == kPiiNote) continue;
      if (it->second.cands == 0) {
        if (listed.name.rfind("BM_Detect/", 0) == 0)
          idle += " " + listed.name.substr(listed.name.rfind('/') + 1);
        continue;
      }
      if (!listed.note) parts += it->second.per_post;
      print(listed.name, it->second.per_post, &it->second, true, listed.note);
    }
    if (total > 0) {
      print("sum of the parts", parts, nullptr, true, "(the rows without a note)");
      print("remainder", total - parts, nullptr, true,
            "(Decide, other literal checks, spans to original, sorting)");
      print(kReference, total, nullptr, true, "");
    }
    if (!idle.empty()) out << "no candidate on the mixed corpus for:" << idle << "\n";
    bool header = false;
    for (const Listed& listed : Listing()) {
      auto it = rows_.find(listed.name);
      if (it == rows_.end() || listed.note != kPiiNote || it->second.cands == 0) continue;
      if (!header) out << "\nthe labelled PII set, per record:\n";
      header = true;
      print(listed.name, it->second.per_post, &it->second, false, "");
    }
  }

 private:
  struct Row {
    double per_post = 0;
    double per_cand = 0;
    double cands = -1;  // -1: no such counter
    bool median = false;
  };
  std::map<std::string, Row> rows_;
};

}  // namespace
}  // namespace vigil::bench

int main(int argc, char** argv) {
  using namespace vigil::bench;
  using vigil::DetectorKind;
  ParseBenchFlags(&argc, argv, &g_config);
  benchmark::AddCustomContext("ruleset", g_config.ruleset);
  benchmark::AddCustomContext("corpus", "--posts=" + std::to_string(g_config.posts) +
                                            " --seed=" + std::to_string(g_config.seed));
  auto add = [](const std::string& name, auto fn, const char* note = nullptr) {
    Listing().push_back({name, note});
    benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kMillisecond);
  };
  add("BM_Check/mixed", BM_Check);
  add("BM_Links/mixed", BM_Links);
  add("BM_Conditions/mixed", BM_Conditions);
  add("BM_ViewsScan/mixed", BM_ViewsScan);
  // The detectors the ruleset uses (compiling the engine here, once).
  std::set<DetectorKind> kinds;
  for (size_t r = 0; r < GetEngine().ruleset().rules.size(); ++r)
    if (const vigil::DetectorSpec* d = GetEngine().compiled_rule(r).detector) kinds.insert(d->kind);
  auto add_detectors = [&](PostSet set, const char* detect_note, const char* check_note) {
    const std::string prefix = set == PostSet::kMixed ? "/mixed/" : "/pii/";
    for (DetectorKind kind : kinds) {
      const std::string name = prefix + vigil::GetDetector(kind).name;
      auto detect = [set, kind](benchmark::State& s) { BM_Detect(s, set, kind); };
      auto check = [set, kind](benchmark::State& s) { BM_DetectCheck(s, set, kind); };
      add("BM_Detect" + name, detect, detect_note);
      add("BM_DetectCheck" + name, check, check_note);
    }
  };
  add_detectors(PostSet::kMixed, nullptr, "(inside BM_Detect)");
  add("BM_RegexSpans/mixed", BM_RegexSpans);
  add("BM_WholeWords/mixed", BM_WholeWords);
  add("BM_Censor/mixed", BM_Censor);
  add("BM_VerdictJson/mixed", BM_VerdictJson, "(not in classify)");
  add(kReference, BM_Classify, "");
  add_detectors(PostSet::kPii, kPiiNote, kPiiNote);
  // The table goes under the console output; another --benchmark_format
  // gets the library's own reporter and no table.
  bool console = true;
  auto options = benchmark::ConsoleReporter::OO_None;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.rfind("--benchmark_format=", 0) == 0) console = arg == "--benchmark_format=console";
    if (arg == "--benchmark_counters_tabular=true")
      options = benchmark::ConsoleReporter::OO_Tabular;
  }
  if (isatty(STDOUT_FILENO))
    options = static_cast<benchmark::ConsoleReporter::OutputOptions>(
        options | benchmark::ConsoleReporter::OO_Color);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  StageTableReporter reporter(options);
  benchmark::RunSpecifiedBenchmarks(console ? &reporter : nullptr);
  benchmark::Shutdown();
  return 0;
}
