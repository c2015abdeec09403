// libFuzzer target: classify arbitrary bytes with the default ruleset
// (rules/community-default.yaml, compiled once).
//
// Input: one flags byte, then fields separated by 0xFF:
//   title, body, author name, then one field per link.
// Flags: bit 0 links given (else extracted from the body), bits 1-2 lang
// (none, en, zh, fa), bit 3 trust level 0 (else unknown), bit 4 the author
// has the "moderator" role, bit 5 id given (the title bytes again).
// Each post is classified by two scanners; both verdicts must be identical
// (determinism), and every status must be one classify documents.
#include "fuzz_util.h"

namespace {

vigil_engine* g_engine = nullptr;
vigil_scanner* g_scanners[2] = {nullptr, nullptr};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  vigil_diagnostics* diags = nullptr;
  const int status = vigil_engine_compile_file(VIGIL_SOURCE_DIR "/rules/community-default.yaml",
                                               nullptr, &g_engine, &diags);
  if (status != VIGIL_OK) {
    for (size_t i = 0; i < vigil_diagnostics_count(diags); ++i)
      std::fprintf(stderr, "%s\n", vigil_diagnostics_format(diags, i));
    std::abort();
  }
  vigil_diagnostics_free(diags);
  for (vigil_scanner*& scanner : g_scanners) {
    if (vigil_scanner_create(g_engine, &scanner) != VIGIL_OK) std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vigil_fuzz::Input in(data, size);
  const uint8_t flags = in.Byte();
  const std::string_view title = in.Field();
  const std::string_view body = in.Field();
  const std::string_view author = in.Field();
  std::vector<vigil_str> links;
  while (!in.done() && links.size() < 64) links.push_back(vigil_fuzz::Str(in.Field()));

  static const char* const kLangs[] = {nullptr, "en", "zh", "fa"};
  static const vigil_str kModerator = {"moderator", 9};
  vigil_post post = VIGIL_POST_INIT;
  if (flags & 32) post.id = vigil_fuzz::Str(title);
  post.title = vigil_fuzz::Str(title);
  post.body = vigil_fuzz::Str(body);
  post.author_name = vigil_fuzz::Str(author);
  if (flags & 1) {
    post.links = links.data();  // may be NULL with a count of 0: extracted then
    post.link_count = links.size();
  }
  post.lang = vigil_str_from_cstr(kLangs[(flags >> 1) & 3]);
  if (flags & 8) post.author_trust_level = 0;
  if (flags & 16) {
    post.author_roles = &kModerator;
    post.author_role_count = 1;
  }

  std::string json[2];
  int status[2];
  for (int s = 0; s < 2; ++s) {
    const vigil_verdict* verdict = nullptr;
    status[s] = vigil_scanner_classify(g_scanners[s], &post, &verdict);
    if (status[s] == VIGIL_OK) {
      if (!verdict) std::abort();
      json[s] = vigil_fuzz::ReadVerdict(verdict);
    } else if (status[s] != VIGIL_E_INVALID_UTF8 && status[s] != VIGIL_E_POST_TOO_LARGE) {
      std::fprintf(stderr, "classify: %s: %s\n", vigil_status_name(status[s]),
                   vigil_scanner_last_error(g_scanners[s]));
      std::abort();
    } else if (!vigil_scanner_last_error(g_scanners[s])[0]) {
      std::abort();  // a refusal must say why
    }
  }
  if (status[0] != status[1] || json[0] != json[1]) {
    std::fprintf(stderr, "two scanners disagree:\n%s\n%s\n", json[0].c_str(), json[1].c_str());
    std::abort();
  }
  return 0;
}
