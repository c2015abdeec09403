/*
 * main.c — the smallest real use of an installed Vigil: check the loaded
 * library is the one the header describes, compile a ruleset, classify two
 * posts. Built both through find_package(vigil) and through pkg-config.
 */
#include <vigil/vigil.h>

#include <stdio.h>
#include <string.h>

static const char kRules[] =
    "ruleset: consumer\n"
    "guidelines:\n"
    "  respect: {title: Respect, url: \"https://example.org/respect\"}\n"
    "rules:\n"
    "  - id: respect.rude\n"
    "    guideline: respect\n"
    "    category: abuse\n"
    "    words: [idiot]\n"
    "    action: censor\n";

static int classify(vigil_scanner* scanner, const char* body,
                    vigil_action expected) {
  vigil_post post = VIGIL_POST_INIT;
  const vigil_verdict* verdict = NULL;
  int status;
  post.body = vigil_str_from_cstr(body);
  status = vigil_scanner_classify(scanner, &post, &verdict);
  if (status != VIGIL_OK) {
    fprintf(stderr, "classify: %s: %s\n", vigil_status_name(status),
            vigil_scanner_last_error(scanner));
    return 0;
  }
  printf("%s\n", vigil_verdict_json(verdict, NULL));
  if (vigil_verdict_action(verdict) != expected) {
    fprintf(stderr, "\"%s\": action %s, expected %s\n", body,
            vigil_action_name(vigil_verdict_action(verdict)),
            vigil_action_name(expected));
    return 0;
  }
  return 1;
}

int main(void) {
  vigil_engine* engine = NULL;
  vigil_scanner* scanner = NULL;
  vigil_diagnostics* diags = NULL;
  int ok;
  size_t i;

  if (vigil_version_number() != VIGIL_VERSION_NUMBER) {
    fprintf(stderr, "header %d, library %u (%s)\n", VIGIL_VERSION_NUMBER,
            vigil_version_number(), vigil_version_string());
    return 1;
  }
  if (vigil_engine_compile_string(kRules, strlen(kRules), "consumer.yaml",
                                  NULL, &engine, &diags) != VIGIL_OK) {
    for (i = 0; i < vigil_diagnostics_count(diags); ++i)
      fprintf(stderr, "%s\n", vigil_diagnostics_format(diags, i));
    vigil_diagnostics_free(diags);
    return 1;
  }
  vigil_diagnostics_free(diags);
  if (vigil_scanner_create(engine, &scanner) != VIGIL_OK) return 1;
  ok = classify(scanner, "hello there", VIGIL_ACTION_ALLOW) &&
       classify(scanner, "you idiot", VIGIL_ACTION_CENSOR);
  vigil_scanner_free(scanner);
  vigil_engine_free(engine);
  printf("vigil %s: %s\n", vigil_version_string(), ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
