// Precision and recall of every detector on the labelled data set
// tests/data/pii/labelled.jsonl (written by tests/data/pii/generate.py).
//
// Each record's text is folded first with the engine's folded view
// (decimal digits of every script to ASCII, full-width forms to ASCII, ZWNJ
// removed), and its labels too. Then, as in
// the engine, a detector runs only where its Hyperscan candidate pattern
// fires; its RE2 pattern finds spans and the checks confirm them. A find
// counts at the default minimum confidence. It is a true positive when its
// letters and digits equal those of a labelled value of the same type.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <hs/hs.h>

#include <fstream>
#include <map>
#include <sstream>

#include "common/utf8.h"
#include "normalize/text_view.h"
#include "pii_test_util.h"

namespace vigil::testing {
namespace {

struct Label {
  std::string type;
  std::string value;
};

struct Record {
  std::string id;
  std::string text;
  std::vector<Label> labels;
};

// One line of labelled.jsonl: {"id", "text", "labels": [{"type", "value"}]}.
bool ParseRecord(const std::string& line, Record* r) {
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) return false;
  if (j.contains("id") && j["id"].is_string()) r->id = j["id"].get<std::string>();
  r->text = j["text"].get<std::string>();
  if (auto it = j.find("labels"); it != j.end()) {
    if (!it->is_array()) return false;
    for (const nlohmann::json& label : *it) {
      if (!label.is_object() || !label.contains("type") || !label.contains("value") ||
          !label["type"].is_string() || !label["value"].is_string()) {
        return false;
      }
      r->labels.push_back({label["type"].get<std::string>(), label["value"].get<std::string>()});
    }
  }
  return true;
}

// The engine's folded view (normalize/text_view.h): NFKC_Casefold outside
// ASCII, ignorables (ZWNJ) removed, digits of every script as ASCII.
std::string Fold(const std::string& text) {
  TextView view;
  BuildFoldedView(text, &view);
  return std::string(view.text());
}

// Letters and digits only, lower case: how a find is compared with a label.
std::string Key(const std::string& s) {
  std::string out;
  for (char c : s) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) out.push_back(c);
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c | 0x20));
  }
  return out;
}

class HyperscanCandidates {
 public:
  HyperscanCandidates() {
    std::vector<const char*> patterns;
    std::vector<unsigned> flags, ids;
    for (size_t k = 0; k < kDetectorKindCount; ++k) {
      patterns.push_back(GetDetector(static_cast<DetectorKind>(k)).hyperscan_pattern);
      flags.push_back(HS_FLAG_CASELESS);
      ids.push_back(static_cast<unsigned>(k));
    }
    hs_compile_error_t* error = nullptr;
    if (hs_compile_multi(patterns.data(), flags.data(), ids.data(),
                         static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db_,
                         &error) != HS_SUCCESS) {
      ADD_FAILURE() << "Hyperscan: " << error->message;
      hs_free_compile_error(error);
      return;
    }
    hs_alloc_scratch(db_, &scratch_);
  }
  ~HyperscanCandidates() {
    hs_free_scratch(scratch_);
    hs_free_database(db_);
  }
  // Bit k set when detector k's candidate pattern matches.
  uint32_t Scan(const std::string& text) {
    uint32_t fired = 0;
    hs_scan(db_, text.data(), static_cast<unsigned>(text.size()), 0, scratch_,
            [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
              *static_cast<uint32_t*>(ctx) |= 1u << id;
              return 0;
            },
            &fired);
    return fired;
  }

 private:
  hs_database_t* db_ = nullptr;
  hs_scratch_t* scratch_ = nullptr;
};

struct Tally {
  int tp = 0, fp = 0, fn = 0;
  std::vector<std::string> fp_examples, fn_examples;
};

TEST(PiiLabelled, PrecisionAndRecallPerTypeAtLeast95Percent) {
  std::ifstream in(std::string(VIGIL_TEST_DATA_DIR) + "/pii/labelled.jsonl");
  ASSERT_TRUE(in) << "run tests/data/pii/generate.py";
  std::vector<Record> records;
  std::string line;
  while (std::getline(in, line)) {
    Record r;
    ASSERT_TRUE(ParseRecord(line, &r)) << line;
    records.push_back(std::move(r));
  }
  ASSERT_GT(records.size(), 800u);

  HyperscanCandidates candidates;
  std::map<std::string, Tally> tallies;
  for (const Record& r : records) {
    const std::string text = Fold(r.text);
    const uint32_t fired = candidates.Scan(text);
    std::vector<std::pair<std::string, std::string>> labels;  // type, key
    for (const Label& l : r.labels) {
      labels.push_back({l.type, Key(Fold(l.value))});
      tallies[l.type];
      const DetectorSpec* spec = FindDetector(l.type);
      ASSERT_NE(spec, nullptr) << l.type;
      EXPECT_TRUE(fired & (1u << static_cast<unsigned>(spec->kind)))
          << r.id << ": the " << l.type << " candidate pattern misses " << l.value;
    }
    std::vector<bool> matched(labels.size(), false);
    for (size_t k = 0; k < kDetectorKindCount; ++k) {
      const DetectorKind kind = static_cast<DetectorKind>(k);
      if (kind == DetectorKind::kUrl || !(fired & (1u << k))) continue;
      const std::string type = GetDetector(kind).name;
      for (const Found& f : FindAll(kind, text)) {
        if (f.confidence < kDefaultMinConfidence) continue;
        bool hit = false;
        for (size_t i = 0; i < labels.size() && !hit; ++i) {
          if (!matched[i] && labels[i].first == type && labels[i].second == Key(f.text)) {
            matched[i] = hit = true;
          }
        }
        Tally& t = tallies[type];
        if (hit) {
          ++t.tp;
        } else {
          ++t.fp;
          t.fp_examples.push_back(r.id + ": " + f.text + " (" + f.subtype + ", " +
                                  std::to_string(f.confidence) + ") in: " + text);
        }
      }
    }
    for (size_t i = 0; i < labels.size(); ++i) {
      if (matched[i]) continue;
      Tally& t = tallies[labels[i].first];
      ++t.fn;
      t.fn_examples.push_back(r.id + ": " + r.labels[i].value + " in: " + text);
    }
  }

  std::ostringstream report;
  report << "type              TP   FP   FN  precision  recall\n";
  for (const auto& [type, t] : tallies) {
    const double precision = t.tp + t.fp ? double(t.tp) / (t.tp + t.fp) : 1.0;
    const double recall = t.tp + t.fn ? double(t.tp) / (t.tp + t.fn) : 1.0;
    char row[128];
    snprintf(row, sizeof(row), "%-16s %4d %4d %4d  %8.3f  %6.3f\n", type.c_str(), t.tp, t.fp,
             t.fn, precision, recall);
    report << row;
    EXPECT_GE(precision, 0.95) << type;
    EXPECT_GE(recall, 0.95) << type;
    for (size_t i = 0; i < t.fp_examples.size() && i < 8; ++i) {
      report << "    FP " << t.fp_examples[i] << "\n";
    }
    for (size_t i = 0; i < t.fn_examples.size() && i < 8; ++i) {
      report << "    FN " << t.fn_examples[i] << "\n";
    }
  }
  std::cout << report.str();
}

}  // namespace
}  // namespace vigil::testing
