// YAML -> drafts, with yaml-cpp. yaml-cpp throws on malformed YAML and on
// failed conversions; this file catches the former once per file and avoids
// the latter by checking node types and using convert<>::decode, so that one
// wrong value is one diagnostic and the rest of the file is still checked.
#include "ruleset/parser.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/strings.h"
#include "common/text.h"
#include "common/utf8.h"
#include "normalize/char_tables.h"

namespace vigil {
namespace {

// Whether a case-sensitive regex matches the same on the folded view as on
// the raw text: every character outside ASCII it can match folds to itself
// and has no case ("’" in the shipped shouting rule, which then runs with
// the other regexes rather than as a scan of its own over the raw text; not
// "д", which "Д" folds to; not "[¡-×]", which spans "À"). Unicode classes
// (\p), hex escapes and quoted text count as unsafe: the raw view serves.
bool MeansTheSameOnFoldedText(std::string_view regex) {
  const CharTables& tables = CharTables::Get();
  auto safe = [&](char32_t c) { return c < 0x80 || tables.CaseSensitiveSafe(c); };
  // The character at i (a code point, or an escaped ASCII character), and
  // where the next one starts; -1 for an escape that is not one character.
  auto read = [&](size_t i, size_t* next) -> int64_t {
    if (regex[i] != '\\') return DecodeUtf8At(regex, i, next);
    *next = i + 2;
    if (i + 1 >= regex.size()) return -1;
    const char e = regex[i + 1];
    return std::isalnum(static_cast<unsigned char>(e)) ? -1 : e;
  };
  bool in_class = false;
  for (size_t i = 0; i < regex.size();) {
    const char c = regex[i];
    if (c == '\\' && i + 1 < regex.size() && std::strchr("pPxXCQ", regex[i + 1])) return false;
    if (!in_class && c == '[') {
      in_class = true;
      ++i;
      if (i < regex.size() && regex[i] == '^') ++i;
      if (i < regex.size() && regex[i] == ']') ++i;  // a literal ']'
      continue;
    }
    if (in_class && c == ']') {
      in_class = false;
      ++i;
      continue;
    }
    size_t next;
    const int64_t low = read(i, &next);
    if (in_class && low >= 0 && next + 1 < regex.size() && regex[next] == '-' &&
        regex[next + 1] != ']') {
      size_t after;
      const int64_t high = read(next + 1, &after);
      if (high < 0) return false;
      // Every character of the range must be safe; a wide one is not.
      if (high >= 0x80 && high - low > 4096) return false;
      for (int64_t r = std::max<int64_t>(low, 0x80); r <= high; ++r) {
        if (!safe(static_cast<char32_t>(r))) return false;
      }
      i = after;
      continue;
    }
    if (low >= 0 && !safe(static_cast<char32_t>(low))) return false;
    i = next;
  }
  return true;
}

class FileParser {
 public:
  FileParser(const std::string& path, Diagnostics* diags) : path_(path), diags_(diags) {}

  RulesetFileDraft Parse(std::string_view yaml);

 private:
  SourceLocation Loc(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0) return {path_, 0, 0};
    return {path_, static_cast<uint32_t>(mark.line + 1), static_cast<uint32_t>(mark.column + 1)};
  }
  void Error(const YAML::Node& node, absl::string_view rule_id, std::string message) {
    diags_->Error(Loc(node), ToStd(rule_id), std::move(message));
  }

  // Reports keys of `map` not in `allowed` and duplicate keys. Returns false
  // (after reporting) when `map` is not a mapping.
  bool CheckMap(const YAML::Node& map, absl::string_view what, absl::string_view rule_id,
                std::initializer_list<absl::string_view> allowed);

  std::optional<std::string> String(const YAML::Node& node, absl::string_view what,
                                    absl::string_view rule_id);
  std::optional<int64_t> Integer(const YAML::Node& node, absl::string_view what,
                                 absl::string_view rule_id);
  std::optional<bool> Bool(const YAML::Node& node, absl::string_view what,
                           absl::string_view rule_id);
  // A string or a sequence of strings.
  std::vector<std::string> Strings(const YAML::Node& node, absl::string_view what,
                                   absl::string_view rule_id,
                                   std::vector<SourceLocation>* locations = nullptr);

  void ParseCategories(const YAML::Node& node, RulesetFileDraft* out);
  void ParseGuidelines(const YAML::Node& node, RulesetFileDraft* out);
  void ParseEscalations(const YAML::Node& node, RulesetFileDraft* out);
  void ParseLists(const YAML::Node& node, RulesetFileDraft* out);
  void ParseRule(const YAML::Node& node, RulesetFileDraft* out);
  // words:/phrases:/except: — a list of terms, or {list, lists, terms}.
  void ParseTerms(const YAML::Node& node, absl::string_view key, const std::string& rule_id,
                  std::vector<std::string>* terms, std::vector<NamedRef>* lists);
  void ParseConditions(const YAML::Node& node, absl::string_view key, const std::string& rule_id,
                       std::vector<Condition>* out);
  void ParseTests(const YAML::Node& node, const std::string& rule_id, Rule* rule);
  std::optional<TestPost> ParseTestPost(const YAML::Node& node, const std::string& rule_id);
  void ParseOverrides(const YAML::Node& node, RulesetFileDraft* out);

  const std::string& path_;
  Diagnostics* diags_;
};

bool FileParser::CheckMap(const YAML::Node& map, absl::string_view what,
                          absl::string_view rule_id,
                          std::initializer_list<absl::string_view> allowed) {
  if (!map.IsMap()) {
    Error(map, rule_id, absl::StrCat(what, " must be a mapping"));
    return false;
  }
  std::set<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar()) {
      Error(it->first, rule_id, absl::StrCat("keys of ", what, " must be plain names"));
      continue;
    }
    const std::string& key = it->first.Scalar();
    if (!seen.insert(key).second) {
      Error(it->first, rule_id, absl::StrCat("duplicate key '", key, "' in ", what));
    }
    if (allowed.size() == 0) continue;
    bool known = false;
    for (absl::string_view a : allowed) known = known || key == a;
    if (!known) {
      Error(it->first, rule_id,
            absl::StrCat("unknown key '", key, "' in ", what, " (expected one of: ",
                         absl::StrJoin(allowed, ", "), ")"));
    }
  }
  return true;
}

std::optional<std::string> FileParser::String(const YAML::Node& node, absl::string_view what,
                                              absl::string_view rule_id) {
  if (!node.IsScalar()) {
    Error(node, rule_id, absl::StrCat(what, " must be a string"));
    return std::nullopt;
  }
  size_t bad;
  if (!IsValidUtf8(node.Scalar(), &bad)) {
    Error(node, rule_id, absl::StrCat(what, " is not valid UTF-8 (byte ", bad, ")"));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<int64_t> FileParser::Integer(const YAML::Node& node, absl::string_view what,
                                           absl::string_view rule_id) {
  long long value;
  if (!node.IsScalar() || !YAML::convert<long long>::decode(node, value)) {
    Error(node, rule_id, absl::StrCat(what, " must be an integer"));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> FileParser::Bool(const YAML::Node& node, absl::string_view what,
                                     absl::string_view rule_id) {
  bool value;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
    Error(node, rule_id, absl::StrCat(what, " must be true or false"));
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> FileParser::Strings(const YAML::Node& node, absl::string_view what,
                                             absl::string_view rule_id,
                                             std::vector<SourceLocation>* locations) {
  std::vector<std::string> out;
  auto add = [&](const YAML::Node& item) {
    if (auto s = String(item, what, rule_id)) {
      out.push_back(std::move(*s));
      if (locations) locations->push_back(Loc(item));
    }
  };
  if (node.IsSequence()) {
    for (const YAML::Node& item : node) add(item);
  } else if (node.IsScalar()) {
    add(node);
  } else {
    Error(node, rule_id, absl::StrCat(what, " must be a string or a list of strings"));
  }
  return out;
}

RulesetFileDraft FileParser::Parse(std::string_view yaml) {
  RulesetFileDraft draft;
  draft.path = path_;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    const uint32_t line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    const uint32_t column = e.mark.column >= 0 ? e.mark.column + 1 : 0;
    diags_->Error({path_, line, column}, "", absl::StrCat("malformed YAML: ", e.msg));
    return draft;
  }
  if (root.IsNull()) {
    diags_->Error({path_, 1, 1}, "", "the ruleset file is empty");
    return draft;
  }
  if (!CheckMap(root, "the ruleset", "",
                {"ruleset", "format", "include", "categories", "guidelines", "escalations",
                 "lists", "rules", "overrides"})) {
    return draft;
  }
  if (const YAML::Node n = root["ruleset"]) draft.name = String(n, "ruleset", "");
  if (const YAML::Node n = root["format"]) {
    if (auto v = Integer(n, "format", ""); v && *v != 1) {
      Error(n, "", absl::StrCat("unsupported format ", *v, " (this Vigil reads format 1)"));
    }
  }
  if (const YAML::Node n = root["include"]) {
    std::vector<SourceLocation> locations;
    std::vector<std::string> paths = Strings(n, "include", "", &locations);
    for (size_t i = 0; i < paths.size(); ++i) {
      draft.includes.push_back({std::move(paths[i]), locations[i]});
    }
  }
  if (const YAML::Node n = root["categories"]) ParseCategories(n, &draft);
  if (const YAML::Node n = root["guidelines"]) ParseGuidelines(n, &draft);
  if (const YAML::Node n = root["escalations"]) ParseEscalations(n, &draft);
  if (const YAML::Node n = root["lists"]) ParseLists(n, &draft);
  if (const YAML::Node n = root["rules"]) {
    if (!n.IsSequence()) {
      Error(n, "", "rules must be a list of rules");
    } else {
      for (const YAML::Node& rule : n) ParseRule(rule, &draft);
    }
  }
  if (const YAML::Node n = root["overrides"]) ParseOverrides(n, &draft);
  return draft;
}

void FileParser::ParseCategories(const YAML::Node& node, RulesetFileDraft* out) {
  if (!CheckMap(node, "categories", "", {})) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    CategoryDraft category{it->first.Scalar(), "", Loc(it->first)};
    if (it->second.IsMap()) {
      if (CheckMap(it->second, "a category", "", {"description"})) {
        if (const YAML::Node d = it->second["description"]) {
          category.description = String(d, "description", "").value_or("");
        }
      }
    } else if (!it->second.IsNull()) {
      Error(it->second, "", "a category must be a mapping with a description");
    }
    out->categories.push_back(std::move(category));
  }
}

void FileParser::ParseGuidelines(const YAML::Node& node, RulesetFileDraft* out) {
  if (!CheckMap(node, "guidelines", "", {})) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    Guideline g{it->first.Scalar(), "", "", Loc(it->first)};
    const YAML::Node body = it->second;
    if (!CheckMap(body, absl::StrCat("guideline '", g.id, "'"), "", {"title", "url"})) continue;
    if (const YAML::Node t = body["title"]) g.title = String(t, "title", "").value_or("");
    if (const YAML::Node u = body["url"]) g.url = String(u, "url", "").value_or("");
    if (g.title.empty()) Error(body, "", absl::StrCat("guideline '", g.id, "' needs a title"));
    if (g.url.empty()) Error(body, "", absl::StrCat("guideline '", g.id, "' needs a url"));
    out->guidelines.push_back(std::move(g));
  }
}

void FileParser::ParseEscalations(const YAML::Node& node, RulesetFileDraft* out) {
  if (!CheckMap(node, "escalations", "", {})) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    Escalation e;
    e.id = it->first.Scalar();
    e.location = Loc(it->first);
    const YAML::Node body = it->second;
    if (!CheckMap(body, absl::StrCat("escalation '", e.id, "'"), "",
                  {"priority", "description"})) {
      continue;
    }
    if (const YAML::Node p = body["priority"]) {
      if (auto name = String(p, "priority", "")) {
        if (auto priority = ParsePriority(*name)) {
          e.priority = *priority;
        } else {
          Error(p, "", absl::StrCat("unknown priority '", *name,
                                    "' (expected low, normal, high or urgent)"));
        }
      }
    }
    if (!body["priority"]) {
      Error(body, "", absl::StrCat("escalation '", e.id,
                                   "' needs a priority (low, normal, high or urgent)"));
    }
    if (const YAML::Node d = body["description"]) {
      e.description = String(d, "description", "").value_or("");
    }
    out->escalations.push_back(std::move(e));
  }
}

void FileParser::ParseLists(const YAML::Node& node, RulesetFileDraft* out) {
  if (!CheckMap(node, "lists", "", {})) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    ListDraft list;
    list.name = it->first.Scalar();
    list.location = Loc(it->first);
    const YAML::Node body = it->second;
    if (!CheckMap(body, absl::StrCat("list '", list.name, "'"), "",
                  {"terms", "file", "description", "except"})) {
      continue;
    }
    const YAML::Node terms = body["terms"];
    const YAML::Node file = body["file"];
    if (terms && file) {
      Error(body, "", absl::StrCat("list '", list.name, "' has both terms and file"));
    } else if (!terms && !file) {
      Error(body, "", absl::StrCat("list '", list.name, "' needs terms or a file"));
    }
    if (terms) {
      for (std::string& t : Strings(terms, "a term", "")) {
        std::string_view trimmed = TrimWhitespace(t);
        if (!trimmed.empty()) list.terms.emplace_back(trimmed);
      }
    }
    if (file) {
      if (auto f = String(file, "file", "")) list.file = NamedRef{*f, Loc(file)};
    }
    if (const YAML::Node d = body["description"]) String(d, "description", "");
    if (const YAML::Node e = body["except"]) {
      for (std::string& t : Strings(e, "an except term", "")) {
        std::string_view trimmed = TrimWhitespace(t);
        if (!trimmed.empty()) list.exceptions.emplace_back(trimmed);
      }
    }
    out->lists.push_back(std::move(list));
  }
}

void FileParser::ParseTerms(const YAML::Node& node, absl::string_view key,
                            const std::string& id, std::vector<std::string>* terms,
                            std::vector<NamedRef>* lists) {
  auto add_terms = [&](const YAML::Node& n) {
    for (std::string& t : Strings(n, "a term", id)) {
      std::string_view trimmed = TrimWhitespace(t);
      if (trimmed.empty()) {
        Error(n, id, "a term is empty");
      } else {
        terms->emplace_back(trimmed);
      }
    }
  };
  if (node.IsSequence()) {
    if (node.size() == 0) Error(node, id, absl::StrCat(key, " lists no term"));
    add_terms(node);
    return;
  }
  if (!node.IsMap()) {
    Error(node, id,
          absl::StrCat(key, " must be a list of terms or a mapping with list, lists or terms"));
    return;
  }
  if (!CheckMap(node, key, id, {"list", "lists", "terms"})) return;
  if (const YAML::Node l = node["list"]) {
    if (auto name = String(l, "list", id)) lists->push_back({*name, Loc(l)});
  }
  if (const YAML::Node l = node["lists"]) {
    std::vector<SourceLocation> locations;
    std::vector<std::string> names = Strings(l, "lists", id, &locations);
    for (size_t i = 0; i < names.size(); ++i) lists->push_back({names[i], locations[i]});
  }
  if (const YAML::Node t = node["terms"]) add_terms(t);
  if (lists->empty() && terms->empty()) {
    Error(node, id, absl::StrCat(key, " names no list and no terms"));
  }
}

void FileParser::ParseConditions(const YAML::Node& node, absl::string_view key,
                                 const std::string& rule_id, std::vector<Condition>* out) {
  if (!CheckMap(node, key, rule_id,
                {"author.trust_level", "author.account_age_days", "author.post_count",
                 "author.roles", "channel", "lang"})) {
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string& subject_name = it->first.Scalar();
    Condition::Subject subject;
    if (subject_name == "author.trust_level") {
      subject = Condition::Subject::kTrustLevel;
    } else if (subject_name == "author.account_age_days") {
      subject = Condition::Subject::kAccountAgeDays;
    } else if (subject_name == "author.post_count") {
      subject = Condition::Subject::kPostCount;
    } else if (subject_name == "author.roles") {
      subject = Condition::Subject::kRoles;
    } else if (subject_name == "channel") {
      subject = Condition::Subject::kChannel;
    } else if (subject_name == "lang") {
      subject = Condition::Subject::kLang;
    } else {
      continue;  // reported by CheckMap
    }
    const bool numeric = subject != Condition::Subject::kRoles &&
                         subject != Condition::Subject::kChannel &&
                         subject != Condition::Subject::kLang;
    const YAML::Node test = it->second;
    if (test.IsScalar() &&
        (subject == Condition::Subject::kChannel || subject == Condition::Subject::kLang)) {
      out->push_back({subject, Condition::Op::kIn, 0, {}, {test.Scalar()}});
      continue;
    }
    const std::string what = absl::StrCat(key, ": ", subject_name);
    if (!CheckMap(test, what, rule_id,
                  numeric ? std::initializer_list<absl::string_view>{"below", "at_least", "in",
                                                                    "not_in"}
                          : std::initializer_list<absl::string_view>{"in", "not_in"})) {
      continue;
    }
    for (auto op_it = test.begin(); op_it != test.end(); ++op_it) {
      const std::string& op_name = op_it->first.Scalar();
      Condition c{subject, Condition::Op::kIn, 0, {}, {}};
      if (op_name == "below" || op_name == "at_least") {
        c.op = op_name == "below" ? Condition::Op::kBelow : Condition::Op::kAtLeast;
        auto v = Integer(op_it->second, absl::StrCat(what, " ", op_name), rule_id);
        if (!v) continue;
        c.number = *v;
      } else if (op_name == "in" || op_name == "not_in") {
        c.op = op_name == "in" ? Condition::Op::kIn : Condition::Op::kNotIn;
        if (numeric) {
          if (!op_it->second.IsSequence()) {
            Error(op_it->second, rule_id, absl::StrCat(what, " ", op_name, " must be a list"));
            continue;
          }
          // A named copy: yaml-cpp's iterator hands out a temporary pair,
          // and a range-for over its member outlives it (ASan found this).
          const YAML::Node list = op_it->second;
          for (const YAML::Node& item : list) {
            if (auto v = Integer(item, what, rule_id)) c.numbers.push_back(*v);
          }
        } else {
          c.strings = Strings(op_it->second, absl::StrCat(what, " ", op_name), rule_id);
        }
      } else {
        continue;  // reported by CheckMap
      }
      out->push_back(std::move(c));
    }
  }
}

std::optional<TestPost> FileParser::ParseTestPost(const YAML::Node& node,
                                                  const std::string& rule_id) {
  TestPost post;
  if (node.IsScalar()) {
    auto body = String(node, "a test example", rule_id);
    if (!body) return std::nullopt;
    post.body = std::move(*body);
    return post;
  }
  if (!CheckMap(node, "a test example", rule_id,
                {"id", "title", "body", "links", "author", "channel", "lang"})) {
    return std::nullopt;
  }
  auto str = [&](const char* key, std::string* out) {
    if (const YAML::Node n = node[key]) *out = String(n, key, rule_id).value_or("");
  };
  str("id", &post.id);
  str("title", &post.title);
  str("body", &post.body);
  str("channel", &post.channel);
  str("lang", &post.lang);
  if (const YAML::Node n = node["links"]) post.links = Strings(n, "links", rule_id);
  if (const YAML::Node a = node["author"]) {
    if (CheckMap(a, "author", rule_id,
                 {"id", "name", "trust_level", "account_age_days", "post_count", "roles"})) {
      if (const YAML::Node n = a["id"]) post.author_id = String(n, "id", rule_id).value_or("");
      if (const YAML::Node n = a["name"]) {
        post.author_name = String(n, "name", rule_id).value_or("");
      }
      if (const YAML::Node n = a["trust_level"]) post.trust_level = Integer(n, "trust_level", rule_id);
      if (const YAML::Node n = a["account_age_days"]) {
        post.account_age_days = Integer(n, "account_age_days", rule_id);
      }
      if (const YAML::Node n = a["post_count"]) post.post_count = Integer(n, "post_count", rule_id);
      if (const YAML::Node n = a["roles"]) post.roles = Strings(n, "roles", rule_id);
    }
  }
  return post;
}

void FileParser::ParseTests(const YAML::Node& node, const std::string& rule_id, Rule* rule) {
  if (!CheckMap(node, "tests", rule_id, {"match", "no_match"})) return;
  for (const char* key : {"match", "no_match"}) {
    const YAML::Node examples = node[key];
    if (!examples) continue;
    if (!examples.IsSequence()) {
      Error(examples, rule_id, absl::StrCat("tests: ", key, " must be a list of posts"));
      continue;
    }
    for (const YAML::Node& example : examples) {
      if (auto post = ParseTestPost(example, rule_id)) {
        rule->tests.push_back({std::string_view(key) == "match", std::move(*post), Loc(example)});
      }
    }
  }
}

void FileParser::ParseRule(const YAML::Node& node, RulesetFileDraft* out) {
  RuleDraft draft;
  Rule& rule = draft.rule;
  rule.location = Loc(node);
  // The id first, so that every later problem can name the rule.
  if (node.IsMap()) {
    if (const YAML::Node id = node["id"]) rule.id = String(id, "id", "").value_or("");
  }
  if (!CheckMap(node, "a rule", rule.id,
                {"id", "guideline", "category", "severity", "words", "phrases", "regex",
                 "detect", "fields", "case_sensitive", "when", "unless", "min_count",
                 "action", "escalate", "replacement", "tell_author", "note_for_moderators",
                 "mode", "tests", "description", "view", "evasion", "except",
                 "min_confidence", "redact_style"})) {
    return;
  }
  const std::string& id = rule.id;
  if (id.empty()) {
    Error(node, "", "a rule needs an id");
  } else {
    for (unsigned char ch : id) {
      if (!(std::isalnum(ch) || ch == '.' || ch == '_' || ch == '-')) {
        Error(node["id"], id, "a rule id may use only letters, digits, '.', '_' and '-'");
        break;
      }
    }
  }
  if (const YAML::Node n = node["guideline"]) {
    rule.guideline = String(n, "guideline", id).value_or("");
    draft.guideline_location = Loc(n);
  } else {
    Error(node, id, "a rule needs a guideline");
  }
  if (const YAML::Node n = node["category"]) {
    rule.category = String(n, "category", id).value_or("");
    draft.category_location = Loc(n);
  } else {
    Error(node, id, "a rule needs a category");
  }
  if (const YAML::Node n = node["severity"]) {
    if (auto name = String(n, "severity", id)) {
      if (auto s = ParseSeverity(*name)) {
        rule.severity = *s;
      } else {
        Error(n, id, absl::StrCat("unknown severity '", *name,
                                  "' (expected low, medium, high or critical)"));
      }
    }
  }

  int matchers = 0;
  if (const YAML::Node n = node["words"]) {
    ++matchers;
    rule.matcher_location = Loc(n);
    rule.matcher = MatcherKind::kWords;
    ParseTerms(n, "words", id, &rule.terms, &draft.lists);
  }
  if (const YAML::Node n = node["phrases"]) {
    ++matchers;
    rule.matcher_location = Loc(n);
    rule.matcher = MatcherKind::kPhrases;
    ParseTerms(n, "phrases", id, &rule.terms, &draft.lists);
  }
  if (const YAML::Node n = node["regex"]) {
    ++matchers;
    rule.matcher_location = Loc(n);
    rule.matcher = MatcherKind::kRegex;
    rule.regexes = Strings(n, "regex", id, &rule.regex_locations);
    if (rule.regexes.empty() && n.IsSequence()) Error(n, id, "regex lists no pattern");
  }
  if (const YAML::Node n = node["detect"]) {
    ++matchers;
    rule.matcher = MatcherKind::kDetect;
    rule.detector = String(n, "detect", id).value_or("");
    rule.matcher_location = Loc(n);
  }
  if (matchers != 1) {
    Error(node, id,
          matchers == 0 ? "a rule needs one matcher: words, phrases, regex or detect"
                        : "a rule may have only one matcher of words, phrases, regex, detect");
  }

  if (const YAML::Node n = node["fields"]) {
    std::vector<SourceLocation> locations;
    std::vector<std::string> names = Strings(n, "fields", id, &locations);
    rule.field_mask = 0;
    for (size_t i = 0; i < names.size(); ++i) {
      if (auto f = ParseField(names[i])) {
        rule.field_mask |= 1u << *f;
      } else {
        diags_->Error(locations[i], id,
                      absl::StrCat("unknown field '", names[i],
                                   "' (expected title, body, links or author.name)"));
      }
    }
    if (names.empty()) Error(n, id, "fields lists no field");
  }
  if (const YAML::Node n = node["case_sensitive"]) {
    rule.case_sensitive = Bool(n, "case_sensitive", id).value_or(false);
  }
  if (const YAML::Node n = node["evasion"]) {
    if (auto name = String(n, "evasion", id)) {
      if (auto e = ParseEvasion(*name)) {
        rule.evasion = *e;
      } else {
        Error(n, id, absl::StrCat("unknown evasion level '", *name,
                                  "' (expected off, standard or strict)"));
      }
    }
  }
  if (const YAML::Node n = node["view"]) {
    if (auto name = String(n, "view", id)) {
      if (auto v = ParseView(*name)) {
        rule.view = *v;
        rule.view_given = true;
      } else {
        Error(n, id, absl::StrCat("unknown view '", *name,
                                  "' (expected raw, folded, skeleton or skeleton_strict)"));
      }
    }
  }
  if (!rule.view_given) {
    bool folding_keeps = true;
    for (const std::string& regex : rule.regexes) {
      folding_keeps = folding_keeps && MeansTheSameOnFoldedText(regex);
    }
    rule.view = DefaultView(rule.matcher, rule.evasion, rule.case_sensitive, folding_keeps);
  }
  if (const YAML::Node n = node["except"]) {
    if (rule.matcher != MatcherKind::kWords && rule.matcher != MatcherKind::kPhrases) {
      Error(n, id, "except: applies only to words and phrases rules");
    }
    ParseTerms(n, "except", id, &rule.exceptions, &draft.except_lists);
  }
  if (const YAML::Node n = node["when"]) ParseConditions(n, "when", id, &rule.when);
  if (const YAML::Node n = node["unless"]) ParseConditions(n, "unless", id, &rule.unless);
  if (const YAML::Node n = node["min_count"]) {
    if (auto v = Integer(n, "min_count", id)) {
      if (*v < 1 || *v > 100000) {
        Error(n, id, "min_count must be between 1 and 100000");
      } else {
        rule.min_count = static_cast<uint32_t>(*v);
      }
    }
  }
  if (const YAML::Node n = node["action"]) {
    if (auto name = String(n, "action", id)) {
      if (auto a = ParseAction(*name)) {
        rule.action = *a;
      } else {
        Error(n, id, absl::StrCat("unknown action '", *name,
                                  "' (expected allow, tag, flag, censor, redact, hold or "
                                  "reject)"));
      }
    }
  } else {
    Error(node, id, "a rule needs an action");
  }
  if (const YAML::Node n = node["escalate"]) {
    rule.escalate = Strings(n, "escalate", id, &draft.escalate_locations);
  }
  if (const YAML::Node n = node["replacement"]) {
    rule.replacement = String(n, "replacement", id).value_or(rule.replacement);
  }
  if (const YAML::Node n = node["redact_style"]) {
    if (auto name = String(n, "redact_style", id)) {
      if (*name == "shape" || *name == "replace") {
        rule.redact_shape = *name == "shape";
      } else {
        Error(n, id, absl::StrCat("unknown redact_style '", *name,
                                  "' (expected replace or shape)"));
      }
    }
  }
  if (const YAML::Node n = node["min_confidence"]) {
    double value;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, value) ||
        !(value >= 0 && value <= 1)) {  // written so that NaN fails too
      Error(n, id, "min_confidence must be a number from 0 to 1");
    } else if (rule.matcher != MatcherKind::kDetect) {
      Error(n, id, "min_confidence applies only to detect rules");
    } else {
      rule.min_confidence = value;
    }
  }
  if (const YAML::Node n = node["tell_author"]) {
    rule.tell_author = String(n, "tell_author", id).value_or("");
  }
  if (const YAML::Node n = node["note_for_moderators"]) {
    rule.note_for_moderators = String(n, "note_for_moderators", id).value_or("");
  }
  if (const YAML::Node n = node["description"]) String(n, "description", id);
  if (const YAML::Node n = node["mode"]) {
    if (auto name = String(n, "mode", id)) {
      if (*name == "enforce") {
        rule.mode = RuleMode::kEnforce;
      } else if (*name == "dry_run") {
        rule.mode = RuleMode::kDryRun;
      } else {
        Error(n, id, absl::StrCat("unknown mode '", *name, "' (expected enforce or dry_run)"));
      }
    }
  }
  if (const YAML::Node n = node["tests"]) ParseTests(n, id, &rule);
  out->rules.push_back(std::move(draft));
}

void FileParser::ParseOverrides(const YAML::Node& node, RulesetFileDraft* out) {
  if (!CheckMap(node, "overrides", "", {})) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    OverrideDraft o;
    o.rule_id = it->first.Scalar();
    o.location = Loc(it->first);
    const YAML::Node body = it->second;
    const std::string& id = o.rule_id;
    if (!CheckMap(body, "an override", id,
                  {"disabled", "action", "escalate", "mode", "severity", "tell_author",
                   "note_for_moderators"})) {
      continue;
    }
    if (const YAML::Node n = body["disabled"]) o.disabled = Bool(n, "disabled", id);
    if (const YAML::Node n = body["action"]) {
      if (auto name = String(n, "action", id)) {
        o.action = ParseAction(*name);
        if (!o.action) Error(n, id, absl::StrCat("unknown action '", *name, "'"));
      }
    }
    if (const YAML::Node n = body["escalate"]) {
      o.escalate = Strings(n, "escalate", id, &o.escalate_locations);
    }
    if (const YAML::Node n = body["mode"]) {
      if (auto name = String(n, "mode", id)) {
        if (*name == "enforce" || *name == "dry_run") {
          o.mode = *name == "enforce" ? RuleMode::kEnforce : RuleMode::kDryRun;
        } else {
          Error(n, id, absl::StrCat("unknown mode '", *name, "' (expected enforce or dry_run)"));
        }
      }
    }
    if (const YAML::Node n = body["severity"]) {
      if (auto name = String(n, "severity", id)) {
        o.severity = ParseSeverity(*name);
        if (!o.severity) Error(n, id, absl::StrCat("unknown severity '", *name, "'"));
      }
    }
    if (const YAML::Node n = body["tell_author"]) o.tell_author = String(n, "tell_author", id);
    if (const YAML::Node n = body["note_for_moderators"]) {
      o.note_for_moderators = String(n, "note_for_moderators", id);
    }
    out->overrides.push_back(std::move(o));
  }
}

}  // namespace

RulesetFileDraft ParseRulesetFile(const std::string& path, std::string_view yaml,
                                  Diagnostics* diags) {
  FileParser parser(path, diags);
  try {
    return parser.Parse(yaml);
  } catch (const YAML::Exception& e) {
    // Defensive: a yaml-cpp accessor threw on input the checks above let by.
    diags->Error({path, static_cast<uint32_t>(e.mark.line + 1),
                  static_cast<uint32_t>(e.mark.column + 1)},
                 "", absl::StrCat("malformed ruleset: ", e.msg));
    return RulesetFileDraft{path, {}, {}, {}, {}, {}, {}, {}, {}};
  }
}

std::vector<std::string> ParseListFile(const std::string& path, std::string_view text,
                                       Diagnostics* diags) {
  std::vector<std::string> terms;
  uint32_t line_number = 0;
  size_t pos = 0;
  // A UTF-8 byte order mark at the start is not part of the first term.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    ++line_number;
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t bad;
    if (!IsValidUtf8(line, &bad)) {
      diags->Error({path, line_number, static_cast<uint32_t>(bad + 1)}, "",
                   "invalid UTF-8 in a list file");
      continue;
    }
    line = TrimWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    terms.emplace_back(line);
    if (end == text.size()) break;
  }
  return terms;
}

}  // namespace vigil
