/*
 * header_test.c — include/vigil/vigil.h must compile on its own as pedantic
 * C99, C11 and C++ with every warning an error (as libgit2's header test
 * does): no C++ in the C header, no missing prototypes, INIT macros that fill
 * every field. Written in the common subset of C and C++ so one file serves
 * all the languages the CMakeLists compiles it as.
 */
#include "vigil/vigil.h"
#include "vigil/vigil.h" /* the include guard holds */

/* The status numbers are ABI: they must never change. */
typedef char vigil_check_ok[(VIGIL_OK == 0) ? 1 : -1];
typedef char vigil_check_last[(VIGIL_E_INTERNAL == -14) ? 1 : -1];
typedef char vigil_check_reject[(VIGIL_ACTION_REJECT == 6) ? 1 : -1];
typedef char vigil_check_version[(VIGIL_VERSION_NUMBER ==
                                  VIGIL_VERSION_MAJOR * 10000 +
                                  VIGIL_VERSION_MINOR * 100 +
                                  VIGIL_VERSION_PATCH) ? 1 : -1];

int vigil_header_test_use_everything(void);

int vigil_header_test_use_everything(void) {
  vigil_compile_options options = VIGIL_COMPILE_OPTIONS_INIT;
  vigil_post post = VIGIL_POST_INIT;
  vigil_str s = {NULL, 0};
  int sum = 0;
  post.body = s;
  sum += (int)options.struct_size + (int)post.struct_size;
  sum += post.author_trust_level == VIGIL_UNSET;
  /* Taking every function's address checks each one is declared with a
   * full prototype. */
  {
    void (*frees[])(void) = {
        (void (*)(void))vigil_diagnostics_free,
        (void (*)(void))vigil_engine_free,
        (void (*)(void))vigil_buffer_free,
        (void (*)(void))vigil_test_report_free,
        (void (*)(void))vigil_scanner_free,
    };
    unsigned (*version_number)(void) = vigil_version_number;
    const char* (*version_string)(void) = vigil_version_string;
    const char* (*status_name)(int) = vigil_status_name;
    const char* (*status_describe)(int) = vigil_status_describe;
    vigil_str (*from_cstr)(const char*) = vigil_str_from_cstr;
    const char* (*action_name)(vigil_action) = vigil_action_name;
    const char* (*priority_name)(vigil_priority) = vigil_priority_name;
    const char* (*field_name)(vigil_field) = vigil_field_name;
    size_t (*diag_count)(const vigil_diagnostics*) = vigil_diagnostics_count;
    size_t (*diag_errors)(const vigil_diagnostics*) = vigil_diagnostics_error_count;
    int (*diag_is_error)(const vigil_diagnostics*, size_t) = vigil_diagnostics_is_error;
    const char* (*diag_file)(const vigil_diagnostics*, size_t) = vigil_diagnostics_file;
    uint32_t (*diag_line)(const vigil_diagnostics*, size_t) = vigil_diagnostics_line;
    uint32_t (*diag_column)(const vigil_diagnostics*, size_t) = vigil_diagnostics_column;
    const char* (*diag_rule)(const vigil_diagnostics*, size_t) = vigil_diagnostics_rule_id;
    const char* (*diag_message)(const vigil_diagnostics*, size_t) = vigil_diagnostics_message;
    const char* (*diag_format)(const vigil_diagnostics*, size_t) = vigil_diagnostics_format;
    int (*compile_file)(const char*, const vigil_compile_options*, vigil_engine**,
                        vigil_diagnostics**) = vigil_engine_compile_file;
    int (*compile_string)(const char*, size_t, const char*, const vigil_compile_options*,
                          vigil_engine**, vigil_diagnostics**) = vigil_engine_compile_string;
    int (*save)(const vigil_engine*, const char*, vigil_diagnostics**) = vigil_engine_save;
    int (*serialize)(const vigil_engine*, void**, size_t*) = vigil_engine_serialize;
    int (*load)(const char*, vigil_engine**, vigil_diagnostics**) = vigil_engine_load;
    int (*deserialize)(const void*, size_t, vigil_engine**, vigil_diagnostics**) =
        vigil_engine_deserialize;
    const char* (*ruleset_name)(const vigil_engine*) = vigil_engine_ruleset_name;
    size_t (*rule_count)(const vigil_engine*) = vigil_engine_rule_count;
    const char* (*rule_id)(const vigil_engine*, size_t) = vigil_engine_rule_id;
    int (*run_tests)(const vigil_engine*, vigil_test_report**) = vigil_engine_run_tests;
    size_t (*report_count)(const vigil_test_report*) = vigil_test_report_count;
    size_t (*report_failed)(const vigil_test_report*) = vigil_test_report_failed_count;
    const char* (*report_rule)(const vigil_test_report*, size_t) = vigil_test_report_rule_id;
    int (*report_expects)(const vigil_test_report*, size_t) = vigil_test_report_expects_match;
    int (*report_passed)(const vigil_test_report*, size_t) = vigil_test_report_passed;
    const char* (*report_example)(const vigil_test_report*, size_t) = vigil_test_report_example;
    const char* (*report_file)(const vigil_test_report*, size_t) = vigil_test_report_file;
    uint32_t (*report_line)(const vigil_test_report*, size_t) = vigil_test_report_line;
    const char* (*report_detail)(const vigil_test_report*, size_t) = vigil_test_report_detail;
    int (*scanner_create)(const vigil_engine*, vigil_scanner**) = vigil_scanner_create;
    int (*classify)(vigil_scanner*, const vigil_post*, const vigil_verdict**) =
        vigil_scanner_classify;
    const char* (*last_error)(const vigil_scanner*) = vigil_scanner_last_error;
    const char* (*post_id)(const vigil_verdict*) = vigil_verdict_post_id;
    vigil_action (*action)(const vigil_verdict*) = vigil_verdict_action;
    size_t (*hit_count)(const vigil_verdict*) = vigil_verdict_hit_count;
    const vigil_hit* (*hit)(const vigil_verdict*, size_t) = vigil_verdict_hit;
    size_t (*dry_count)(const vigil_verdict*) = vigil_verdict_dry_run_count;
    const vigil_hit* (*dry)(const vigil_verdict*, size_t) = vigil_verdict_dry_run;
    size_t (*esc_count)(const vigil_verdict*) = vigil_verdict_escalation_count;
    const vigil_escalation* (*esc)(const vigil_verdict*, size_t) = vigil_verdict_escalation;
    size_t (*msg_count)(const vigil_verdict*) = vigil_verdict_message_count;
    const vigil_author_message* (*msg)(const vigil_verdict*, size_t) = vigil_verdict_message;
    const char* (*censored_title)(const vigil_verdict*, size_t*) = vigil_verdict_censored_title;
    const char* (*censored_body)(const vigil_verdict*, size_t*) = vigil_verdict_censored_body;
    const char* (*json)(const vigil_verdict*, size_t*) = vigil_verdict_json;
    const void* all[] = {
        (const void*)&version_number, (const void*)&version_string,
        (const void*)&status_name, (const void*)&status_describe,
        (const void*)&from_cstr, (const void*)&action_name,
        (const void*)&priority_name, (const void*)&field_name,
        (const void*)&diag_count, (const void*)&diag_errors,
        (const void*)&diag_is_error, (const void*)&diag_file,
        (const void*)&diag_line, (const void*)&diag_column,
        (const void*)&diag_rule, (const void*)&diag_message,
        (const void*)&diag_format, (const void*)&compile_file,
        (const void*)&compile_string, (const void*)&save,
        (const void*)&serialize, (const void*)&load,
        (const void*)&deserialize, (const void*)&ruleset_name,
        (const void*)&rule_count, (const void*)&rule_id,
        (const void*)&run_tests, (const void*)&report_count,
        (const void*)&report_failed, (const void*)&report_rule,
        (const void*)&report_expects, (const void*)&report_passed,
        (const void*)&report_example, (const void*)&report_file,
        (const void*)&report_line, (const void*)&report_detail,
        (const void*)&scanner_create, (const void*)&classify,
        (const void*)&last_error, (const void*)&post_id,
        (const void*)&action, (const void*)&hit_count,
        (const void*)&hit, (const void*)&dry_count, (const void*)&dry,
        (const void*)&esc_count, (const void*)&esc,
        (const void*)&msg_count, (const void*)&msg,
        (const void*)&censored_title, (const void*)&censored_body,
        (const void*)&json, (const void*)&frees[0],
    };
    sum += (int)(sizeof all / sizeof all[0]);
  }
  {
    /* The output structs are read field by field by callers. */
    vigil_match m;
    vigil_hit h;
    vigil_escalation e;
    vigil_author_message a;
    m.field = VIGIL_FIELD_AUTHOR_NAME;
    m.link_index = 0;
    h.action = VIGIL_ACTION_ALLOW;
    h.match_count = 0;
    e.priority = VIGIL_PRIORITY_URGENT;
    a.text = "";
    sum += (int)m.field + (int)h.action + (int)e.priority + (a.text[0] == 0);
    sum += (int)m.link_index + (int)h.match_count;
  }
  return sum;
}
