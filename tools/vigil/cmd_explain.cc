// cmd_explain.cc — `vigil explain`: classify one text as a post body and say,
// for a person, what Vigil decided and why: each rule that fired with the
// guideline it enforces, what it matched and where, who is alerted, what the
// author is told, and the censored text.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "args.h"
#include "commands.h"
#include "engine_source.h"
#include "handles.h"
#include "json_text.h"

namespace vigil::cli {
namespace {

std::string Quoted(std::string_view text) {
  std::string quoted;
  AppendJsonString(&quoted, text);
  return quoted;
}

std::string Where(const vigil_match& match) {
  std::string where = vigil_field_name(match.field);
  if (match.field == VIGIL_FIELD_LINKS) where += "[" + std::to_string(match.link_index) + "]";
  return where;
}

// The priority of an escalation target, when the verdict lists it.
const vigil_escalation* FindEscalation(const vigil_verdict* verdict, std::string_view id) {
  for (size_t i = 0; i < vigil_verdict_escalation_count(verdict); ++i) {
    const vigil_escalation* escalation = vigil_verdict_escalation(verdict, i);
    if (id == OrEmpty(escalation->id)) return escalation;
  }
  return nullptr;
}

void PrintHit(const vigil_verdict* verdict, const vigil_hit& hit) {
  std::printf("  %s: %s\n", OrEmpty(hit.rule_id), vigil_action_name(hit.action));
  std::printf("    guideline:    %s <%s> (%s)\n", OrEmpty(hit.guideline_title),
              OrEmpty(hit.guideline_url), OrEmpty(hit.guideline_id));
  std::printf("    category:     %s, severity %s\n", OrEmpty(hit.category), OrEmpty(hit.severity));
  for (size_t i = 0; i < hit.match_count; ++i) {
    const vigil_match& match = hit.matches[i];
    std::printf("    matched:      %s in %s, bytes %zu-%zu\n",
                Quoted(std::string_view(OrEmpty(match.text), match.text_size)).c_str(),
                Where(match).c_str(), match.start, match.end);
  }
  for (size_t i = 0; i < hit.escalation_count; ++i) {
    const char* id = OrEmpty(hit.escalations[i]);
    const vigil_escalation* escalation = FindEscalation(verdict, id);
    if (escalation != nullptr) {
      std::printf("    escalates to: %s (%s priority)\n", id,
                  vigil_priority_name(escalation->priority));
    } else {
      std::printf("    escalates to: %s\n", id);
    }
  }
  if (*OrEmpty(hit.tell_author) != '\0') {
    std::printf("    tell author:  %s\n", hit.tell_author);
  }
  if (*OrEmpty(hit.note_for_moderators) != '\0') {
    std::printf("    moderators:   %s\n", hit.note_for_moderators);
  }
}

void PrintVerdict(const vigil_verdict* verdict, const vigil_post& post) {
  std::printf("action: %s\n", vigil_action_name(vigil_verdict_action(verdict)));

  const size_t hits = vigil_verdict_hit_count(verdict);
  if (hits == 0) {
    std::printf("no rule fired\n");
  } else {
    std::printf("\n%zu %s fired:\n", hits, hits == 1 ? "rule" : "rules");
    for (size_t i = 0; i < hits; ++i) PrintHit(verdict, *vigil_verdict_hit(verdict, i));
  }

  if (size_t count = vigil_verdict_escalation_count(verdict); count > 0) {
    std::printf("\nescalations:\n");
    for (size_t i = 0; i < count; ++i) {
      const vigil_escalation* escalation = vigil_verdict_escalation(verdict, i);
      std::printf("  %s (%s priority)", OrEmpty(escalation->id),
                  vigil_priority_name(escalation->priority));
      if (*OrEmpty(escalation->description) != '\0') {
        std::printf(": %s", escalation->description);
      }
      std::printf("\n");
    }
  }

  if (size_t count = vigil_verdict_message_count(verdict); count > 0) {
    std::printf("\nmessage to the author:\n");
    for (size_t i = 0; i < count; ++i) {
      const vigil_author_message* message = vigil_verdict_message(verdict, i);
      std::printf("  %s\n    (%s <%s>)\n", OrEmpty(message->text),
                  OrEmpty(message->guideline_title), OrEmpty(message->guideline_url));
    }
  }

  size_t size = 0;
  const char* censored_title = vigil_verdict_censored_title(verdict, &size);
  const size_t title_size = size;
  const char* censored_body = vigil_verdict_censored_body(verdict, &size);
  // The library masks both fields when any span was masked; an absent title
  // stays absent here.
  if (post.title.data == nullptr) censored_title = nullptr;
  if (censored_title != nullptr || censored_body != nullptr) std::printf("\n");
  if (censored_title != nullptr) {
    std::printf("censored title: %.*s\n", static_cast<int>(title_size), censored_title);
  }
  if (censored_body != nullptr) {
    std::printf("censored body: %.*s\n", static_cast<int>(size), censored_body);
  }

  if (size_t count = vigil_verdict_dry_run_count(verdict); count > 0) {
    std::printf("\ndry run (would have fired; the action is not changed):\n");
    for (size_t i = 0; i < count; ++i) PrintHit(verdict, *vigil_verdict_dry_run(verdict, i));
  }
}

bool ReadAll(int fd, std::string* out, std::string* error) {
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out->append(buffer, static_cast<size_t>(n));
    } else if (n == 0) {
      return true;
    } else if (errno != EINTR) {
      *error = std::string("reading standard input: ") + std::strerror(errno);
      return false;
    }
  }
}

}  // namespace

int RunExplain(int argc, const char* const* argv) {
  static constexpr FlagSpec kFlags[] = {
      {"--rules", "", true},        {"--engine", "", true},  {"--title", "", true},
      {"--author-trust", "", true}, {"--channel", "", true}, {"--help", "-h", false},
  };
  std::string error;
  std::optional<Args> args = Args::Parse(kFlags, argc, argv, &error);
  if (!args) return UsageError("explain", error);
  if (args->Has("--help")) {
    PrintUsage(stdout, "explain");
    return kExitOk;
  }
  EngineSource source;
  source.rules_path = args->Value("--rules").value_or("");
  source.engine_path = args->Value("--engine").value_or("");
  if (source.rules_path.empty() == source.engine_path.empty()) {
    return UsageError("explain", "give exactly one of --rules RULES and --engine FILE");
  }
  if (args->operands().size() != 1) {
    return UsageError("explain", "give the text to explain as one argument (or - for stdin)");
  }

  std::string body(args->operands()[0]);
  if (body == "-") {
    body.clear();
    if (!ReadAll(STDIN_FILENO, &body, &error)) {
      std::fprintf(stderr, "vigil explain: %s\n", error.c_str());
      return kExitFailure;
    }
  }
  vigil_post post = VIGIL_POST_INIT;
  post.body = vigil_str{body.data(), body.size()};
  const std::string title(args->Value("--title").value_or(""));
  if (args->Value("--title")) post.title = vigil_str{title.data(), title.size()};
  const std::string channel(args->Value("--channel").value_or(""));
  if (args->Value("--channel")) post.channel = vigil_str{channel.data(), channel.size()};
  if (auto value = args->Value("--author-trust")) {
    auto trust = ParseInt("--author-trust", *value, INT64_MIN + 1, INT64_MAX, &error);
    if (!trust) return UsageError("explain", error);
    post.author_trust_level = *trust;
  }

  EnginePtr engine = LoadEngine(source, "explain");
  if (engine == nullptr) return kExitFailure;
  vigil_scanner* raw_scanner = nullptr;
  int status = vigil_scanner_create(engine.get(), &raw_scanner);
  ScannerPtr scanner(raw_scanner);
  if (status != VIGIL_OK || scanner == nullptr) {
    std::fprintf(stderr, "vigil explain: cannot create a scanner: %s\n",
                 vigil_status_name(status));
    return kExitFailure;
  }
  const vigil_verdict* verdict = nullptr;
  status = vigil_scanner_classify(scanner.get(), &post, &verdict);
  if (status != VIGIL_OK || verdict == nullptr) {
    if (status == VIGIL_OK) status = VIGIL_E_INTERNAL;
    std::fprintf(stderr, "vigil explain: %s: %s\n", vigil_status_name(status),
                 *OrEmpty(vigil_scanner_last_error(scanner.get())) != '\0'
                     ? vigil_scanner_last_error(scanner.get())
                     : vigil_status_describe(status));
    return kExitFailure;
  }
  PrintVerdict(verdict, post);
  return kExitOk;
}

}  // namespace vigil::cli
