#include "ruleset/loader.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "ruleset/parser.h"

namespace vigil {
namespace {

std::string Describe(const SourceLocation& l) {
  return absl::StrCat(l.file, ":", l.line, ":", l.column);
}

class Loader {
 public:
  Loader(SourceSet* sources, Diagnostics* diags) : sources_(sources), diags_(diags) {}

  std::optional<Ruleset> Load(const std::string& path);

 private:
  // Reads `path` and, first, the files it includes; appends the drafts in
  // dependency order (included files before the files that include them).
  void ReadFile(const std::string& path, const SourceLocation& included_from);
  void Merge();
  std::vector<std::string> ReadList(const ListDraft& list);
  void ResolveRule(RuleDraft* draft);
  void ApplyOverrides();
  void ExpandTemplates(Rule* rule);

  SourceSet* sources_;
  Diagnostics* diags_;
  std::vector<std::string> stack_;    // files being read, for cycle detection
  std::set<std::string> done_;        // files already read (diamond includes)
  // Each file and everything it includes, directly or not: the rules its
  // overrides may change.
  std::map<std::string, std::set<std::string>> reach_;
  std::vector<RulesetFileDraft> files_;

  Ruleset ruleset_;
  std::unordered_map<std::string, const ListDraft*> lists_;
  std::vector<RuleDraft> rules_;
  std::unordered_map<std::string, size_t> rule_index_;
  std::vector<bool> disabled_;
};

void Loader::ReadFile(const std::string& path, const SourceLocation& included_from) {
  if (std::find(stack_.begin(), stack_.end(), path) != stack_.end()) {
    std::string cycle;
    for (auto it = std::find(stack_.begin(), stack_.end(), path); it != stack_.end(); ++it) {
      absl::StrAppend(&cycle, *it, " -> ");
    }
    diags_->Error(included_from, "", absl::StrCat("include cycle: ", cycle, path));
    return;
  }
  if (!done_.insert(path).second) return;
  absl::StatusOr<std::string_view> text = sources_->Read(path);
  if (!text.ok()) {
    diags_->Error(included_from, "", std::string(text.status().message()));
    return;
  }
  RulesetFileDraft draft = ParseRulesetFile(path, *text, diags_);
  stack_.push_back(path);
  std::set<std::string>& reach = reach_[path];
  reach.insert(path);
  for (const NamedRef& include : draft.includes) {
    const std::string included = SourceSet::Resolve(path, include.name);
    ReadFile(included, include.location);
    if (auto it = reach_.find(included); it != reach_.end()) {
      reach_[path].insert(it->second.begin(), it->second.end());
    }
  }
  stack_.pop_back();
  files_.push_back(std::move(draft));
}

std::vector<std::string> Loader::ReadList(const ListDraft& list) {
  if (!list.file) return list.terms;
  const std::string path = SourceSet::Resolve(list.location.file, list.file->name);
  absl::StatusOr<std::string_view> text = sources_->Read(path);
  if (!text.ok()) {
    diags_->Error(list.file->location, "",
                  absl::StrCat("list '", list.name, "': ", text.status().message()));
    return {};
  }
  return ParseListFile(path, *text, diags_);
}

void Loader::Merge() {
  // Later files (the including ones) replace earlier definitions with the
  // same id: that is how a community swaps in its own guideline URLs.
  for (const RulesetFileDraft& file : files_) {
    for (const CategoryDraft& c : file.categories) ruleset_.categories[c.id] = c.description;
    for (const Guideline& g : file.guidelines) ruleset_.guidelines[g.id] = g;
    for (const Escalation& e : file.escalations) {
      if (!ruleset_.escalations.count(e.id)) ruleset_.escalation_order.push_back(e.id);
      ruleset_.escalations[e.id] = e;
    }
    for (const ListDraft& l : file.lists) lists_[l.name] = &l;
  }
  for (RulesetFileDraft& file : files_) {
    for (RuleDraft& draft : file.rules) {
      const std::string& id = draft.rule.id;
      auto [it, inserted] = rule_index_.emplace(id, rules_.size());
      // A duplicate (or id-less) rule is still checked, so that its own
      // problems are reported in this run, but never enabled.
      const bool keep = inserted && !id.empty();
      if (!inserted && !id.empty()) {
        diags_->Error(draft.rule.location, id,
                      absl::StrCat("duplicate rule id '", id, "' (first defined at ",
                                   Describe(rules_[it->second].rule.location),
                                   "; use overrides: to change an included rule)"));
      }
      rules_.push_back(std::move(draft));
      disabled_.push_back(!keep);
    }
  }
}

void Loader::ApplyOverrides() {
  for (const RulesetFileDraft& file : files_) {
    for (const OverrideDraft& o : file.overrides) {
      auto it = rule_index_.find(o.rule_id);
      if (it == rule_index_.end()) {
        diags_->Error(o.location, o.rule_id,
                      absl::StrCat("override names no rule: '", o.rule_id, "'"));
        continue;
      }
      RuleDraft& draft = rules_[it->second];
      Rule& rule = draft.rule;
      if (!reach_[file.path].count(rule.location.file)) {
        diags_->Error(o.location, o.rule_id,
                      absl::StrCat("override of '", o.rule_id, "', which is defined in ",
                                   rule.location.file, ": a file may override only its own "
                                   "rules and those of the files it includes"));
        continue;
      }
      if (o.disabled) disabled_[it->second] = *o.disabled;
      if (o.action) rule.action = *o.action;
      if (o.escalate) {
        rule.escalate = *o.escalate;
        draft.escalate_locations = o.escalate_locations;
      }
      if (o.mode) rule.mode = *o.mode;
      if (o.severity) rule.severity = *o.severity;
      if (o.tell_author) rule.tell_author = *o.tell_author;
      if (o.note_for_moderators) rule.note_for_moderators = *o.note_for_moderators;
    }
  }
}

void Loader::ResolveRule(RuleDraft* draft) {
  Rule& rule = draft->rule;
  const std::string& id = rule.id;
  // A missing key was reported by the parser; an empty name is unknown too.
  if (draft->guideline_location.line > 0 && !ruleset_.guidelines.count(rule.guideline)) {
    diags_->Error(draft->guideline_location, id,
                  absl::StrCat("unknown guideline '", rule.guideline,
                               "' (declare it under guidelines:)"));
  }
  if (draft->category_location.line > 0) {
    bool known = ruleset_.categories.count(rule.category) > 0;
    for (const char* builtin : kBuiltinCategories) known = known || rule.category == builtin;
    if (!known) {
      diags_->Error(draft->category_location, id,
                    absl::StrCat("unknown category '", rule.category,
                                 "' (private_info, abuse, spam, or declare it under "
                                 "categories:)"));
    }
  }
  for (size_t i = 0; i < rule.escalate.size(); ++i) {
    if (!ruleset_.escalations.count(rule.escalate[i])) {
      diags_->Error(i < draft->escalate_locations.size() ? draft->escalate_locations[i]
                                                         : rule.location,
                    id,
                    absl::StrCat("unknown escalation '", rule.escalate[i],
                                 "' (declare it under escalations:)"));
    }
  }
  bool lists_found = true;
  for (const NamedRef& ref : draft->lists) {
    auto it = lists_.find(ref.name);
    if (it == lists_.end()) {
      diags_->Error(ref.location, id, absl::StrCat("unknown list '", ref.name, "'"));
      lists_found = false;
      continue;
    }
    // Lists are read once however many rules use them; ListDraft::terms
    // caches file contents (see Load).
    const std::vector<std::string>& terms = it->second->terms;
    rule.terms.insert(rule.terms.end(), terms.begin(), terms.end());
  }
  // Exceptions: the rule's own, its except: lists' terms, and the except:
  // terms of every list its matcher uses.
  for (const NamedRef& ref : draft->except_lists) {
    auto it = lists_.find(ref.name);
    if (it == lists_.end()) {
      diags_->Error(ref.location, id, absl::StrCat("unknown list '", ref.name, "'"));
      continue;
    }
    const std::vector<std::string>& terms = it->second->terms;
    rule.exceptions.insert(rule.exceptions.end(), terms.begin(), terms.end());
  }
  for (const NamedRef& ref : draft->lists) {
    if (auto it = lists_.find(ref.name); it != lists_.end()) {
      const std::vector<std::string>& terms = it->second->exceptions;
      rule.exceptions.insert(rule.exceptions.end(), terms.begin(), terms.end());
    }
  }
  // Duplicate terms would only make duplicate patterns.
  std::set<std::string> seen;
  std::vector<std::string> unique;
  for (std::string& t : rule.terms) {
    if (seen.insert(t).second) unique.push_back(std::move(t));
  }
  rule.terms = std::move(unique);
  if ((rule.matcher == MatcherKind::kWords || rule.matcher == MatcherKind::kPhrases) &&
      rule.terms.empty() && !draft->lists.empty() && lists_found) {
    diags_->Error(rule.matcher_location, id, "the rule's lists have no terms");
  }
  if (rule.action != VIGIL_ACTION_REDACT && (!rule.replacement.empty() || rule.redact_shape)) {
    diags_->Warning(rule.location, id,
                    "replacement and redact_style are used only by action: redact");
  }
  ExpandTemplates(&rule);
}

void Loader::ExpandTemplates(Rule* rule) {
  auto it = ruleset_.guidelines.find(rule->guideline);
  if (it == ruleset_.guidelines.end()) return;
  const Guideline& g = it->second;
  const std::vector<std::pair<const absl::string_view, absl::string_view>> replacements = {
      {"{guideline.title}", g.title},
      {"{guideline.url}", g.url},
      {"{guideline.id}", g.id},
      {"{rule.id}", rule->id}};
  rule->tell_author = absl::StrReplaceAll(rule->tell_author, replacements);
  rule->note_for_moderators = absl::StrReplaceAll(rule->note_for_moderators, replacements);
}

std::optional<Ruleset> Loader::Load(const std::string& path) {
  ReadFile(path, SourceLocation{path, 0, 0});
  if (files_.empty()) return std::nullopt;
  const RulesetFileDraft& top = files_.back();
  if (top.name) {
    ruleset_.name = *top.name;
  } else if (top.path == path) {
    diags_->Error({path, 1, 1}, "", "the ruleset needs a name (ruleset: <name>)");
  }
  // Read list files once, into the drafts, before rules use them.
  for (RulesetFileDraft& file : files_) {
    for (ListDraft& list : file.lists) {
      list.terms = ReadList(list);
      list.file.reset();
      if (list.terms.empty()) {
        diags_->Error(list.location, "", absl::StrCat("list '", list.name, "' is empty"));
      }
    }
  }
  Merge();
  ApplyOverrides();
  for (size_t i = 0; i < rules_.size(); ++i) {
    ResolveRule(&rules_[i]);
    (disabled_[i] ? ruleset_.unused_rules : ruleset_.rules).push_back(std::move(rules_[i].rule));
  }
  // Returned even with errors, so that later checks (regexes, detectors) can
  // report their problems in the same run; callers check `diags`.
  return std::move(ruleset_);
}

}  // namespace

std::optional<Ruleset> LoadRuleset(const std::string& path, SourceSet* sources,
                                   Diagnostics* diags) {
  Loader loader(sources, diags);
  return loader.Load(path);
}

}  // namespace vigil
