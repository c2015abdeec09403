// libFuzzer target: the compiled-engine loader (vigil_engine_deserialize) on
// untrusted bytes. A loaded engine must also classify.
//
// Input: one mode byte, then the file. Mode bit 0 set: the file's header is
// repaired before loading (magic, format and library version, platform tag,
// payload size and both CRC-32s taken from a real engine of this build), so
// that mutations reach the payload parser and the Hyperscan database behind
// the checksums, as a deliberately forged file would. Mode bit 0 clear: the
// bytes are loaded as they are (header checks, truncation, bit flips).
#include <zlib.h>

#include "fuzz_util.h"

namespace {

constexpr size_t kHeaderSize = 56;     // compile/serialize.h
constexpr size_t kFixedPrefix = 40;    // magic, versions, platform tag
std::string g_header_prefix;

uint32_t Crc32(const uint8_t* data, size_t size) {
  return static_cast<uint32_t>(crc32(0L, data, static_cast<uInt>(size)));
}

void PutLe(uint8_t* at, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) at[i] = static_cast<uint8_t>(value >> (8 * i));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static const char kRules[] =
      "ruleset: header\nformat: 1\nguidelines:\n  g: {title: G, url: \"https://e.org\"}\n"
      "rules:\n  - id: r\n    guideline: g\n    category: spam\n    words: [x]\n"
      "    action: flag\n";
  vigil_engine* engine = nullptr;
  if (vigil_engine_compile_string(kRules, sizeof kRules - 1, nullptr, nullptr, &engine,
                                  nullptr) != VIGIL_OK) {
    std::abort();
  }
  void* bytes = nullptr;
  size_t size = 0;
  if (vigil_engine_serialize(engine, &bytes, &size) != VIGIL_OK || size < kHeaderSize) {
    std::abort();
  }
  g_header_prefix.assign(static_cast<const char*>(bytes), kFixedPrefix);
  vigil_buffer_free(bytes);
  vigil_engine_free(engine);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool repair = data[0] & 1;
  std::vector<uint8_t> file(data + 1, data + size);
  if (repair && file.size() >= kHeaderSize) {
    std::memcpy(file.data(), g_header_prefix.data(), kFixedPrefix);
    const size_t payload = file.size() - kHeaderSize;
    PutLe(file.data() + 40, payload, 8);
    PutLe(file.data() + 48, Crc32(file.data() + kHeaderSize, payload), 4);
    PutLe(file.data() + 52, Crc32(file.data(), kHeaderSize - 4), 4);
  }

  vigil_engine* engine = nullptr;
  vigil_diagnostics* diags = nullptr;
  // An empty vector's data() may be NULL, which the API accepts with size 0.
  const int status = vigil_engine_deserialize(file.data(), file.size(), &engine, &diags);
  if (status == VIGIL_OK) {
    if (!engine) std::abort();
    vigil_fuzz::ClassifySamples(engine);
    vigil_engine_free(engine);
  } else {
    if (engine) std::abort();
    switch (status) {
      case VIGIL_E_ENGINE_CORRUPT:
      case VIGIL_E_ENGINE_TRUNCATED:
      case VIGIL_E_ENGINE_VERSION:
      case VIGIL_E_ENGINE_PLATFORM:
      case VIGIL_E_RULESET:  // the embedded sources no longer compile
      case VIGIL_E_NO_MEMORY:
        break;
      default:
        std::fprintf(stderr, "deserialize: unexpected %s\n", vigil_status_name(status));
        for (size_t i = 0; i < vigil_diagnostics_count(diags); ++i)
          std::fprintf(stderr, "  %s\n", vigil_diagnostics_format(diags, i));
        std::abort();
    }
    if (vigil_diagnostics_count(diags) == 0) std::abort();  // must say why
  }
  vigil_diagnostics_free(diags);
  return 0;
}
