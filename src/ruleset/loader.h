// Turns a ruleset file and everything it includes into one resolved Ruleset:
// includes read (relative to the including file, cycles refused), definitions
// merged (the including file wins), term lists read and expanded into rules,
// overrides applied, and every reference checked. All problems are reported,
// each with its file, line, column and rule id.
//
//   SourceSet sources = SourceSet::FromDisk();
//   Diagnostics diags;
//   std::optional<Ruleset> rs = LoadRuleset("rules/community-default.yaml", &sources, &diags);
#ifndef VIGIL_RULESET_LOADER_H_
#define VIGIL_RULESET_LOADER_H_

#include <optional>
#include <string>

#include "ruleset/diagnostics.h"
#include "ruleset/model.h"
#include "ruleset/source.h"

namespace vigil {

// The categories every ruleset has without declaring them.
inline constexpr const char* kBuiltinCategories[] = {"private_info", "abuse", "spam"};

// Returns the ruleset as far as it could be read, or nullopt when the top
// file could not be read at all. When `diags` has errors the ruleset is
// incomplete: use it only to look for more problems, never to build an engine.
std::optional<Ruleset> LoadRuleset(const std::string& path, SourceSet* sources,
                                   Diagnostics* diags);

}  // namespace vigil

#endif  // VIGIL_RULESET_LOADER_H_
