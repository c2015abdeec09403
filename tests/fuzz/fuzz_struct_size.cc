// libFuzzer target: the C ABI's versioned structs. A caller built against an
// older or newer vigil.h passes a vigil_post or vigil_compile_options whose
// struct_size differs from this library's; the library must read exactly
// min(struct_size, its own size) bytes, refuse sizes below version 1 with
// VIGIL_E_STRUCT_SIZE, and treat every field value (absent strings, NULL
// data with a size, NULL arrays with a count, huge limits) as input to check.
//
// Each struct lives in a heap block of exactly struct_size bytes (when that is
// smaller than the full struct, the tail a newer library would read is not
// there, and AddressSanitizer reports any read of it). Pointers inside are
// always valid for the sizes they claim, or NULL, as the ABI requires.
#include "fuzz_util.h"

namespace {

vigil_engine* g_engine = nullptr;  // default options
vigil_scanner* g_scanner = nullptr;

const char kRules[] =
    "ruleset: struct-size\nformat: 1\nguidelines:\n  g: {title: G, url: \"https://e.org\"}\n"
    "rules:\n"
    "  - id: word\n    guideline: g\n    category: abuse\n    words: [idiot]\n"
    "    action: censor\n"
    "  - id: links\n    guideline: g\n    category: spam\n    regex: 'https?://[a-z.]+'\n"
    "    when:\n      author.trust_level: {below: 1}\n    unless:\n"
    "      author.roles: {in: [moderator]}\n    action: hold\n";

// A struct_size: mostly near the real size, sometimes anything.
size_t PickSize(vigil_fuzz::Input& in, size_t real) {
  const uint8_t how = in.Byte();
  if (how < 128) return real - 16 + (how % 33);  // real-16 .. real+16
  if (how < 192) return in.Byte();               // 0 .. 255
  return in.U64() % 4096;
}

// A vigil_str over `field`, or one of the ill-formed shapes the ABI defines.
vigil_str PickStr(vigil_fuzz::Input& in, std::string_view field) {
  switch (in.Byte() % 8) {
    case 0: return vigil_str{nullptr, 0};                       // absent
    case 1: return vigil_str{nullptr, size_t{1} + in.Byte()};     // NULL with a size
    case 2: return vigil_str{field.data(), 0};                  // empty
    default: return vigil_fuzz::Str(field);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (vigil_engine_compile_string(kRules, sizeof kRules - 1, nullptr, nullptr, &g_engine,
                                  nullptr) != VIGIL_OK ||
      vigil_scanner_create(g_engine, &g_scanner) != VIGIL_OK) {
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vigil_fuzz::Input in(data, size);
  const uint8_t what = in.Byte();

  if (what & 1) {
    // vigil_compile_options with an arbitrary size and limit. Sizes below
    // version 1 are refused before any work; of the others only one input in
    // 16 compiles, to keep Hyperscan compiles off the hot path.
    const size_t options_size = PickSize(in, sizeof(vigil_compile_options));
    const uint64_t max_post = in.U64();
    if (options_size < sizeof(size_t)) return 0;  // cannot even hold struct_size
    std::vector<uint8_t> block(options_size);
    vigil_compile_options full = VIGIL_COMPILE_OPTIONS_INIT;
    full.struct_size = options_size;
    full.max_post_bytes = static_cast<size_t>(max_post);
    std::memcpy(block.data(), &full, std::min(options_size, sizeof full));
    for (size_t i = sizeof full; i < options_size; ++i) block[i] = in.Byte();
    auto* options = reinterpret_cast<const vigil_compile_options*>(block.data());
    if (options_size < sizeof full || (what & 0x1e) == 0) {
      vigil_engine* engine = nullptr;
      const int status =
          vigil_engine_compile_string(kRules, sizeof kRules - 1, nullptr, options, &engine, nullptr);
      if (options_size < sizeof full && status != VIGIL_E_STRUCT_SIZE) std::abort();
      if (status == VIGIL_OK) {
        const size_t limit = vigil_engine_max_post_bytes(engine);
        if (limit != (max_post ? max_post : 1048576u)) std::abort();
        vigil_fuzz::ClassifySamples(engine);
      } else if (status != VIGIL_E_STRUCT_SIZE && status != VIGIL_E_INVALID_ARGUMENT) {
        std::abort();
      }
      vigil_engine_free(engine);
    }
    return 0;
  }

  // vigil_post with an arbitrary size and field contents.
  const size_t post_size = PickSize(in, sizeof(vigil_post));
  const std::string_view id = in.Field(), title = in.Field(), body = in.Field(),
                         author = in.Field(), channel = in.Field(), lang = in.Field();
  std::vector<vigil_str> links, roles;
  const size_t link_count = in.Byte() % 5, role_count = in.Byte() % 4;
  for (size_t i = 0; i < link_count; ++i) links.push_back(PickStr(in, in.Field()));
  for (size_t i = 0; i < role_count; ++i) roles.push_back(PickStr(in, in.Field()));

  vigil_post full = VIGIL_POST_INIT;
  full.struct_size = post_size;
  full.id = PickStr(in, id);
  full.title = PickStr(in, title);
  full.body = PickStr(in, body);
  full.author_name = PickStr(in, author);
  full.author_id = PickStr(in, author);
  full.channel = PickStr(in, channel);
  full.lang = PickStr(in, lang);
  const uint8_t shape = in.Byte();
  if (shape & 1) {
    full.links = links.empty() ? nullptr : links.data();  // NULL: extract from body
    full.link_count = links.size();
  }
  if (shape & 2) {
    full.author_roles = roles.empty() ? nullptr : roles.data();
    full.author_role_count = roles.size();
  }
  if (shape & 4) full.author_trust_level = static_cast<int64_t>(in.U64());
  if (shape & 8) full.author_account_age_days = static_cast<int64_t>(in.U64());
  if (shape & 16) full.author_post_count = static_cast<int64_t>(in.U64());

  if (post_size < sizeof(size_t)) return 0;  // cannot even hold struct_size
  std::vector<uint8_t> block(post_size);
  std::memcpy(block.data(), &full, std::min(post_size, sizeof full));
  for (size_t i = sizeof full; i < post_size; ++i) block[i] = in.Byte();

  const vigil_verdict* verdict = nullptr;
  const int status =
      vigil_scanner_classify(g_scanner, reinterpret_cast<const vigil_post*>(block.data()), &verdict);
  if (post_size < sizeof full) {
    if (status != VIGIL_E_STRUCT_SIZE) std::abort();
  } else if (status == VIGIL_OK) {
    vigil_fuzz::ReadVerdict(verdict);
  } else if (status != VIGIL_E_INVALID_UTF8 && status != VIGIL_E_INVALID_ARGUMENT &&
             status != VIGIL_E_POST_TOO_LARGE) {
    std::fprintf(stderr, "classify: %s: %s\n", vigil_status_name(status),
                 vigil_scanner_last_error(g_scanner));
    std::abort();
  }
  if (status != VIGIL_OK && verdict) std::abort();
  return 0;
}
