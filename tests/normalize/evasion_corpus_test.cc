// The labelled evasion corpus, end to end: tests/data/evasion/rules.yaml
// compiled into an Engine, every line of tests/data/evasion/labelled.jsonl
// (written by tests/data/evasion/generate.py) classified as a post body.
//
//  - Recall per trick class ("trick/leetspeak": an evaded list term in a
//    sentence) must be at least 95%; the false-positive rate of every trap
//    and clean class ("trap/substrings", "clean/fa") at most 1%. The table
//    is printed and recorded as test properties; a failing class lists up to
//    10 examples (spread over its variants) with the skeleton view of each.
//  - Every reported match points into the post as posted: [start, end) on
//    code point and grapheme cluster boundaries, its text the bytes there.
//    For a detected trick, the censored body (the rules censor) masks at
//    least the first and last code points of the evaded word: the censor
//    hides the evasion, not a neighbour.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "compile/engine.h"
#include "decide/decider.h"
#include "normalize/text_view.h"

namespace vigil {
namespace {

constexpr double kMinRecall = 0.95;
constexpr double kMaxFalsePositiveRate = 0.01;
constexpr size_t kExamplesPerClass = 10;

std::string CorpusDir() { return std::string(VIGIL_SOURCE_DIR) + "/tests/data/evasion"; }

struct Record {
  std::string id, lang, cls, variant, text, term;
  bool expect_match = false;
  size_t region_start = 0, region_end = 0;
  bool has_region = false;
};

// One line of labelled.jsonl: a flat object of strings, a boolean and a
// [start, end] array. Returns false for anything else.
bool ParseRecord(const std::string& line, Record* r) {
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  auto str = [&](const char* key, std::string* out) {
    if (auto it = j.find(key); it != j.end() && it->is_string()) *out = it->get<std::string>();
  };
  str("id", &r->id);
  str("lang", &r->lang);
  str("class", &r->cls);
  str("variant", &r->variant);
  str("text", &r->text);
  str("term", &r->term);
  if (auto it = j.find("expect_match"); it != j.end()) {
    if (!it->is_boolean()) return false;
    r->expect_match = it->get<bool>();
  }
  if (auto it = j.find("region"); it != j.end()) {
    if (!it->is_array() || it->size() != 2 || !(*it)[0].is_number_unsigned() ||
        !(*it)[1].is_number_unsigned()) {
      return false;
    }
    r->region_start = (*it)[0].get<size_t>();
    r->region_end = (*it)[1].get<size_t>();
    r->has_region = true;
  }
  return true;
}

// The text with invisible, bidi and unusual space characters as \u{…}, so a
// failure message shows what the post really holds.
std::string Visible(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t next;
    const char32_t c = DecodeUtf8At(text, pos, &next);
    const int8_t type = u_charType(static_cast<UChar32>(c));
    const bool hidden = type == U_FORMAT_CHAR || type == U_CONTROL_CHAR ||
                        type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR ||
                        (type == U_SPACE_SEPARATOR && c != ' ');
    if (hidden) {
      char buffer[16];
      std::snprintf(buffer, sizeof(buffer), "\\u{%04X}", static_cast<unsigned>(c));
      out += buffer;
    } else {
      out.append(text.substr(pos, next - pos));
    }
    pos = next;
  }
  return out;
}

bool IsCodePointBoundary(std::string_view text, size_t pos) {
  return pos == 0 || pos >= text.size() ||
         (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
}

// A code point that continues the grapheme cluster before it: a span that
// starts on one, or ends just before one, cuts a cluster in two.
bool ExtendsCluster(char32_t c) {
  const int32_t gcb = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_GRAPHEME_CLUSTER_BREAK);
  return gcb == U_GCB_EXTEND || gcb == U_GCB_ZWJ || gcb == U_GCB_SPACING_MARK;
}

// Index of the code point that contains byte `pos`.
size_t CodePointIndex(std::string_view text, size_t pos) {
  size_t index = 0;
  for (size_t p = 0; p < pos && p < text.size();) {
    DecodeUtf8At(text, p, &p);
    ++index;
  }
  return index;
}

std::vector<char32_t> CodePoints(std::string_view text) {
  std::vector<char32_t> out;
  for (size_t p = 0; p < text.size();) out.push_back(DecodeUtf8At(text, p, &p));
  return out;
}

struct Outcome {
  const Record* record;
  bool got = false;
  std::string hits;  // "rule: 'matched' [start,end)", …
  std::string span_problem;  // empty when every span checks out
};

struct ClassStats {
  size_t total = 0;
  size_t matched = 0;  // tricks: detected; traps/clean: false positives
  std::vector<const Outcome*> failures;
  std::vector<const Outcome*> span_failures;
};

struct CorpusRun {
  std::string error;  // set when the corpus or the ruleset could not be used
  std::vector<Record> records;
  std::vector<Outcome> outcomes;
  std::map<std::string, ClassStats> classes;
};

bool IsTrick(const std::string& cls) { return cls.rfind("trick/", 0) == 0; }

// Checks the spans of every match and, for a detected trick, that the
// censored body masks the evaded word's first and last code points.
std::string CheckSpans(const Record& r, const Verdict& v) {
  const std::string_view body = r.text;
  std::ostringstream problems;
  bool region_covered = false;
  for (const vigil_hit& hit : v.hits) {
    for (size_t k = 0; k < hit.match_count; ++k) {
      const vigil_match& m = hit.matches[k];
      if (m.field != VIGIL_FIELD_BODY) continue;
      if (m.start > m.end || m.end > body.size()) {
        problems << hit.rule_id << ": span [" << m.start << "," << m.end
                 << ") is outside the body (" << body.size() << " bytes); ";
        continue;
      }
      if (std::string_view(m.text, m.text_size) != body.substr(m.start, m.end - m.start)) {
        problems << hit.rule_id << ": matched text '" << Visible({m.text, m.text_size})
                 << "' is not the body at [" << m.start << "," << m.end << "); ";
      }
      if (!IsCodePointBoundary(body, m.start) || !IsCodePointBoundary(body, m.end)) {
        problems << hit.rule_id << ": span [" << m.start << "," << m.end
                 << ") splits a UTF-8 sequence; ";
        continue;
      }
      if (m.start < body.size() && m.start < m.end && ExtendsCluster(DecodeUtf8At(body, m.start))) {
        problems << hit.rule_id << ": span starts inside a grapheme cluster at byte " << m.start
                 << "; ";
      }
      if (m.end < body.size() && ExtendsCluster(DecodeUtf8At(body, m.end))) {
        char buffer[16];
        std::snprintf(buffer, sizeof(buffer), "U+%04X",
                      static_cast<unsigned>(DecodeUtf8At(body, m.end)));
        problems << hit.rule_id << ": span [" << m.start << "," << m.end
                 << ") leaves the cluster's " << buffer << " unmasked; ";
      }
      if (r.has_region && m.start <= r.region_start && m.end >= r.region_end) {
        region_covered = true;
      }
    }
  }
  if (!IsTrick(r.cls) || !r.has_region || v.hits.empty()) return problems.str();
  if (!region_covered) {
    problems << "no match covers the evaded word [" << r.region_start << "," << r.region_end
             << ") '" << Visible(body.substr(r.region_start, r.region_end - r.region_start))
             << "'; ";
  }
  // The censored body replaces each masked code point with one character, so
  // it aligns code point by code point with the post.
  if (!v.censored) {
    problems << "the verdict is not censored (the rules censor); ";
    return problems.str();
  }
  const std::vector<char32_t> original = CodePoints(body);
  const std::vector<char32_t> censored = CodePoints(v.censored_body);
  if (original.size() != censored.size()) {
    problems << "the censored body has " << censored.size() << " code points, the post "
             << original.size() << ": '" << Visible(v.censored_body) << "'; ";
    return problems.str();
  }
  const size_t first = CodePointIndex(body, r.region_start);
  const size_t last = CodePointIndex(body, r.region_end) - 1;
  for (size_t i : {first, last}) {
    if (i >= censored.size() || censored[i] != U'*') {
      problems << "the censored body leaves code point " << i << " of the evaded word visible: '"
               << Visible(v.censored_body) << "'; ";
      break;
    }
  }
  return problems.str();
}

const CorpusRun& RunCorpus() {
  static const CorpusRun* run = [] {
    auto* out = new CorpusRun();
    std::ifstream in(CorpusDir() + "/labelled.jsonl");
    if (!in) {
      out->error = "cannot read " + CorpusDir() + "/labelled.jsonl";
      return out;
    }
    std::string line;
    size_t line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (line.empty()) continue;
      Record r;
      if (!ParseRecord(line, &r) || r.id.empty() || r.cls.empty() ||
          (IsTrick(r.cls) && (!r.has_region || r.region_end > r.text.size() ||
                              r.region_start >= r.region_end))) {
        out->error = "labelled.jsonl line " + std::to_string(line_number) + " is malformed";
        return out;
      }
      out->records.push_back(std::move(r));
    }

    Diagnostics diags;
    auto engine = Engine::Compile(CorpusDir() + "/rules.yaml", SourceSet::FromDisk(), {}, &diags);
    if (!engine.ok()) {
      std::ostringstream message;
      message << "rules.yaml does not compile: " << engine.status() << "\n";
      for (const Diagnostic& d : diags.all()) message << d.Format() << "\n";
      out->error = message.str();
      return out;
    }
    auto classifier = Classifier::Create(**engine);
    if (!classifier.ok()) {
      out->error = "Classifier::Create: " + std::string(classifier.status().message());
      return out;
    }

    out->outcomes.reserve(out->records.size());
    for (const Record& r : out->records) {
      Outcome o;
      o.record = &r;
      vigil_post post = VIGIL_POST_INIT;
      post.id = {r.id.data(), r.id.size()};
      post.body = {r.text.data(), r.text.size()};
      post.lang = {r.lang.data(), r.lang.size()};
      const absl::Status s = (*classifier)->Classify(post);
      if (!s.ok()) {
        o.got = !r.expect_match;  // counts as wrong either way
        o.hits = "classify failed: " + std::string(s.message());
      } else {
        const Verdict& v = (*classifier)->verdict();
        o.got = !v.hits.empty();
        std::ostringstream hits;
        for (const vigil_hit& hit : v.hits) {
          for (size_t k = 0; k < hit.match_count; ++k) {
            const vigil_match& m = hit.matches[k];
            hits << (hits.tellp() > 0 ? ", " : "") << hit.rule_id << ": '"
                 << Visible({m.text, m.text_size}) << "' [" << m.start << "," << m.end << ")";
          }
        }
        o.hits = hits.str();
        o.span_problem = CheckSpans(r, v);
      }
      out->outcomes.push_back(std::move(o));
    }
    for (const Outcome& o : out->outcomes) {
      ClassStats& c = out->classes[o.record->cls];
      ++c.total;
      if (o.got) ++c.matched;
      if (o.got != o.record->expect_match) c.failures.push_back(&o);
      if (!o.span_problem.empty()) c.span_failures.push_back(&o);
    }
    return out;
  }();
  return *run;
}

// Up to `n` outcomes, taken round-robin over their variants so that every
// kind of failure shows.
std::vector<const Outcome*> Spread(const std::vector<const Outcome*>& all, size_t n) {
  std::map<std::string, std::vector<const Outcome*>> by_variant;
  for (const Outcome* o : all) by_variant[o->record->variant].push_back(o);
  std::vector<const Outcome*> out;
  for (size_t round = 0; out.size() < n; ++round) {
    bool any = false;
    for (auto& [variant, list] : by_variant) {
      if (round < list.size() && out.size() < n) {
        out.push_back(list[round]);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}

std::string Describe(const Outcome& o) {
  const Record& r = *o.record;
  TextView view;
  BuildSkeletonView(r.text, false, &view);
  std::ostringstream s;
  s << "  " << r.id << " [" << r.lang << ", " << r.variant << "]"
    << (r.term.empty() ? "" : " term '" + r.term + "'") << "\n"
    << "    text:     " << Visible(r.text) << "\n"
    << "    skeleton: " << Visible(view.text()) << "\n"
    << "    expected " << (r.expect_match ? "match" : "no match") << ", got "
    << (o.got ? "match" : "no match") << (o.hits.empty() ? "" : ": " + o.hits) << "\n";
  if (!o.span_problem.empty()) s << "    spans: " << o.span_problem << "\n";
  return s.str();
}

std::string VariantCounts(const std::vector<const Outcome*>& failures) {
  std::map<std::string, size_t> counts;
  for (const Outcome* o : failures) ++counts[o->record->variant];
  std::ostringstream s;
  for (const auto& [variant, n] : counts) s << (s.tellp() > 0 ? ", " : "") << variant << " " << n;
  return s.str();
}

std::string PropertyName(const std::string& cls, const char* suffix) {
  std::string name = cls;
  std::replace(name.begin(), name.end(), '/', '.');
  return name + "." + suffix;
}

TEST(EvasionCorpus, RecallPerTrickAndFalsePositivesPerTrap) {
  const CorpusRun& run = RunCorpus();
  ASSERT_TRUE(run.error.empty()) << run.error;
  ASSERT_GT(run.records.size(), 1000u);

  std::ostringstream table;
  char row[160];
  std::snprintf(row, sizeof(row), "%-34s %6s %7s %8s %10s  %s\n", "class", "posts", "matched",
                "rate", "required", "");
  table << "\nEvasion corpus (" << run.records.size() << " posts)\n" << row;
  for (const auto& [cls, c] : run.classes) {
    const bool trick = IsTrick(cls);
    const double rate = c.total ? static_cast<double>(c.matched) / c.total : 0;
    const bool ok = trick ? rate >= kMinRecall : rate <= kMaxFalsePositiveRate;
    std::snprintf(row, sizeof(row), "%-34s %6zu %7zu %7.1f%% %4s %4.0f%%  %s\n", cls.c_str(),
                  c.total, c.matched, 100 * rate, trick ? "rec>=" : "fp<=",
                  100 * (trick ? kMinRecall : kMaxFalsePositiveRate), ok ? "ok" : "FAIL");
    table << row;
    char value[32];
    std::snprintf(value, sizeof(value), "%.4f", rate);
    ::testing::Test::RecordProperty(PropertyName(cls, trick ? "recall" : "fp_rate"), value);
  }
  std::cout << table.str() << std::flush;
  // VIGIL_EVASION_VERBOSE=1 prints every wrong post, not only those of the
  // classes under their threshold.
  if (const char* verbose = std::getenv("VIGIL_EVASION_VERBOSE"); verbose && *verbose) {
    for (const auto& [cls, c] : run.classes) {
      for (const Outcome* o : c.failures) std::cout << cls << "\n" << Describe(*o);
    }
  }

  for (const auto& [cls, c] : run.classes) {
    const bool trick = IsTrick(cls);
    const double rate = c.total ? static_cast<double>(c.matched) / c.total : 0;
    if (trick ? rate >= kMinRecall : rate <= kMaxFalsePositiveRate) continue;
    std::ostringstream message;
    message << cls << ": " << (trick ? "recall " : "false-positive rate ") << 100 * rate << "% ("
            << c.matched << "/" << c.total << "), required " << (trick ? ">= " : "<= ")
            << 100 * (trick ? kMinRecall : kMaxFalsePositiveRate) << "%\n"
            << "  failures by variant: " << VariantCounts(c.failures) << "\n";
    for (const Outcome* o : Spread(c.failures, kExamplesPerClass)) message << Describe(*o);
    ADD_FAILURE() << message.str();
  }
}

TEST(EvasionCorpus, MatchSpansPointIntoThePostAndMaskTheEvasion) {
  const CorpusRun& run = RunCorpus();
  ASSERT_TRUE(run.error.empty()) << run.error;
  for (const auto& [cls, c] : run.classes) {
    if (c.span_failures.empty()) continue;
    std::ostringstream message;
    message << cls << ": " << c.span_failures.size() << " post(s) with bad spans; by variant: "
            << VariantCounts(c.span_failures) << "\n";
    for (const Outcome* o : Spread(c.span_failures, kExamplesPerClass)) message << Describe(*o);
    ADD_FAILURE() << message.str();
  }
}

}  // namespace
}  // namespace vigil
