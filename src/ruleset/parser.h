// Reads one ruleset YAML file into drafts: the file's own definitions with
// the source location of everything a later check may need to point at.
// References between definitions (guideline ids, list names, includes,
// overrides) are resolved by the loader, across files.
#ifndef VIGIL_RULESET_PARSER_H_
#define VIGIL_RULESET_PARSER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ruleset/diagnostics.h"
#include "ruleset/model.h"

namespace vigil {

struct NamedRef {
  std::string name;
  SourceLocation location;
};

struct ListDraft {
  std::string name;
  std::vector<std::string> terms;  // inline terms
  std::optional<NamedRef> file;    // or a file to read them from
  std::vector<std::string> exceptions;  // `except:` terms
  SourceLocation location;
};

struct RuleDraft {
  Rule rule;                    // terms holds only the inline terms
  std::vector<NamedRef> lists;  // lists named by words/phrases
  std::vector<NamedRef> except_lists;  // lists named by except:
  SourceLocation guideline_location;
  SourceLocation category_location;
  std::vector<SourceLocation> escalate_locations;
};

struct OverrideDraft {
  std::string rule_id;
  SourceLocation location;
  std::optional<bool> disabled;
  std::optional<Action> action;
  std::optional<std::vector<std::string>> escalate;
  std::vector<SourceLocation> escalate_locations;
  std::optional<RuleMode> mode;
  std::optional<Severity> severity;
  std::optional<std::string> tell_author;
  std::optional<std::string> note_for_moderators;
};

struct CategoryDraft {
  std::string id;
  std::string description;
  SourceLocation location;
};

struct RulesetFileDraft {
  std::string path;
  std::optional<std::string> name;
  std::vector<NamedRef> includes;  // paths as written
  std::vector<CategoryDraft> categories;
  std::vector<Guideline> guidelines;
  std::vector<Escalation> escalations;
  std::vector<ListDraft> lists;
  std::vector<RuleDraft> rules;
  std::vector<OverrideDraft> overrides;
};

// Parses `yaml` (the text of `path`). Every problem goes to `diags`; what could
// be read is returned even when there were errors, so later checks still run.
RulesetFileDraft ParseRulesetFile(const std::string& path, std::string_view yaml,
                                  Diagnostics* diags);

// Parses the text of a term-list file: one term per line, '#' comment lines,
// blank lines skipped, whitespace trimmed. Invalid UTF-8 is reported by line.
std::vector<std::string> ParseListFile(const std::string& path, std::string_view text,
                                       Diagnostics* diags);

}  // namespace vigil

#endif  // VIGIL_RULESET_PARSER_H_
