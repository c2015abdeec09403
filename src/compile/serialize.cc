#include "compile/serialize.h"

#include <zlib.h>

#include <cstring>

#include "absl/strings/str_cat.h"
#include "vigil/vigil.h"

namespace vigil {
namespace {

constexpr size_t kPlatformTagSize = 24;

class Writer {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
  }
  void U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
  }
  void Bytes(std::string_view s) {
    U64(s.size());
    out_.append(s);
  }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

// Reads with a bound check on every access; the first failure sticks.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }
  uint8_t U8() { return static_cast<uint8_t>(Take(1)[0]); }
  uint32_t U32() {
    std::string_view b = Take(4);
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(b[i])) << (8 * i);
    return v;
  }
  uint64_t U64() {
    std::string_view b = Take(8);
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(b[i])) << (8 * i);
    return v;
  }
  std::string_view Bytes() {
    const uint64_t size = U64();
    if (!ok_ || size > in_.size() - pos_) {
      ok_ = false;
      return {};
    }
    return Take(static_cast<size_t>(size));
  }

 private:
  std::string_view Take(size_t n) {
    static const char kZeros[8] = {};
    if (!ok_ || n > in_.size() - pos_) {
      ok_ = false;
      return std::string_view(kZeros, n <= 8 ? n : 0);
    }
    std::string_view out = in_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

uint32_t Crc32(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths; feed large payloads in pieces.
  while (!bytes.empty()) {
    const size_t n = std::min<size_t>(bytes.size(), 1u << 30);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(n));
    bytes.remove_prefix(n);
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace

std::string EnginePlatformTag() {
#if defined(__x86_64__)
  const char* arch = "x86_64";
#elif defined(__aarch64__)
  const char* arch = "aarch64";
#else
  const char* arch = "other";
#endif
  std::string tag = absl::StrCat(arch, "-", sizeof(void*) * 8, "-hs", HS_MAJOR, ".", HS_MINOR,
                                 ".", HS_PATCH);
  tag.resize(kPlatformTagSize, '\0');
  return tag;
}

absl::StatusOr<std::string> SerializeEngine(const Engine& engine) {
  Writer payload;
  const EngineOptions& options = engine.options();
  payload.U64(options.max_post_bytes);
  payload.U64(options.max_patterns);
  payload.U64(options.max_regex_bytes);
  payload.U64(static_cast<uint64_t>(options.re2_max_mem));
  payload.U64(options.max_database_bytes);
  payload.U8(options.truncate_long_posts ? 1 : 0);
  payload.Bytes(engine.path());
  payload.U32(static_cast<uint32_t>(engine.sources().size()));
  for (const auto& [path, content] : engine.sources()) {
    payload.Bytes(path);
    payload.Bytes(content);
  }
  // Per view: the pattern table as compiled (the compile's fallbacks
  // applied, and kept so that saving a loaded engine gives the same file),
  // then the database.
  const PatternSet& patterns = engine.patterns();
  for (int v = 0; v < kViewCount; ++v) {
    const ViewPatterns& view = patterns.views[v];
    payload.U8(patterns.used[v] ? 1 : 0);
    payload.U32(static_cast<uint32_t>(view.fallbacks.size()));
    for (const Fallback& fallback : view.fallbacks) {
      payload.U32(fallback.pattern);
      payload.U8(static_cast<uint8_t>(fallback.kind));
    }
    payload.U32(static_cast<uint32_t>(view.expressions.size()));
    for (size_t i = 0; i < view.expressions.size(); ++i) {
      const PatternInfo& info = view.infos[i];
      payload.Bytes(view.expressions[i]);
      payload.U32(view.flags[i]);
      payload.U32(info.rule);
      payload.U8(static_cast<uint8_t>(info.kind));
      payload.U32(info.code_points);
      payload.U8((info.whole_word_left ? 1 : 0) | (info.whole_word_right ? 2 : 0));
      payload.U32(info.runs_offset);
      payload.U32(info.runs_size);
    }
    payload.Bytes(view.min_runs);
    if (view.database) {
      char* bytes = nullptr;
      size_t size = 0;
      if (hs_serialize_database(view.database.get(), &bytes, &size) != HS_SUCCESS) {
        return absl::ResourceExhaustedError("Hyperscan could not serialize a database");
      }
      payload.Bytes(std::string_view(bytes, size));
      free(bytes);
    } else {
      payload.Bytes({});
    }
  }
  payload.U32(static_cast<uint32_t>(patterns.re2_only_rules.size()));
  for (const uint32_t rule : patterns.re2_only_rules) payload.U32(rule);

  Writer file;
  file.str().append(kEngineMagic, sizeof(kEngineMagic));
  file.U32(kEngineFormatVersion);
  file.U32(VIGIL_VERSION_NUMBER);
  file.str().append(EnginePlatformTag());
  file.U64(payload.str().size());
  file.U32(Crc32(payload.str()));
  file.U32(Crc32(file.str()));
  file.str().append(payload.str());
  return std::move(file.str());
}

absl::StatusOr<std::unique_ptr<Engine>> DeserializeEngine(std::string_view bytes,
                                                          Diagnostics* diags) {
  const std::string_view magic(kEngineMagic, sizeof(kEngineMagic));
  if (bytes.size() < kEngineHeaderSize) {
    if (magic.substr(0, bytes.size()) == bytes.substr(0, magic.size()) && !bytes.empty()) {
      return absl::OutOfRangeError("the compiled file is truncated (incomplete header)");
    }
    return absl::DataLossError("not a Vigil compiled engine (too short, no magic)");
  }
  if (bytes.substr(0, magic.size()) != magic) {
    return absl::DataLossError("not a Vigil compiled engine (bad magic)");
  }
  Reader header(bytes.substr(magic.size(), kEngineHeaderSize - magic.size()));
  const uint32_t format = header.U32();
  const uint32_t library = header.U32();
  header.U64();  // skip the platform tag, 24 bytes, compared below
  header.U64();
  header.U64();
  const uint64_t payload_size = header.U64();
  const uint32_t payload_crc = header.U32();
  const uint32_t header_crc = header.U32();
  if (Crc32(bytes.substr(0, kEngineHeaderSize - 4)) != header_crc) {
    return absl::DataLossError("the compiled file's header is damaged (checksum mismatch)");
  }
  if (format != kEngineFormatVersion || library != VIGIL_VERSION_NUMBER) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the compiled file is format ", format, " from library version ", library / 10000, ".",
        library / 100 % 100, ".", library % 100, "; this is format ", kEngineFormatVersion,
        ", library ", VIGIL_VERSION_MAJOR, ".", VIGIL_VERSION_MINOR, ".", VIGIL_VERSION_PATCH,
        ": recompile the ruleset"));
  }
  const std::string_view platform = bytes.substr(16, kPlatformTagSize);
  if (platform != EnginePlatformTag()) {
    return absl::UnimplementedError(absl::StrCat(
        "the compiled file was built for platform '",
        std::string(platform.data(), strnlen(platform.data(), platform.size())),
        "', this is '", EnginePlatformTag().c_str(), "': recompile the ruleset"));
  }
  if (payload_size > bytes.size() - kEngineHeaderSize) {
    return absl::OutOfRangeError(absl::StrCat("the compiled file is truncated: ",
                                              bytes.size() - kEngineHeaderSize, " of ",
                                              payload_size, " payload bytes present"));
  }
  if (payload_size < bytes.size() - kEngineHeaderSize) {
    return absl::DataLossError("the compiled file has trailing bytes");
  }
  const std::string_view payload_bytes = bytes.substr(kEngineHeaderSize);
  if (Crc32(payload_bytes) != payload_crc) {
    return absl::DataLossError("the compiled file is damaged (payload checksum mismatch)");
  }

  Reader payload(payload_bytes);
  EngineOptions options;
  options.max_post_bytes = static_cast<size_t>(payload.U64());
  options.max_patterns = static_cast<size_t>(payload.U64());
  options.max_regex_bytes = static_cast<size_t>(payload.U64());
  options.re2_max_mem = static_cast<int64_t>(payload.U64());
  options.max_database_bytes = static_cast<size_t>(payload.U64());
  options.truncate_long_posts = payload.U8() != 0;
  const std::string path(payload.Bytes());
  std::map<std::string, std::string> files;
  const uint32_t file_count = payload.U32();
  for (uint32_t i = 0; i < file_count && payload.ok(); ++i) {
    std::string name(payload.Bytes());
    files[std::move(name)] = std::string(payload.Bytes());
  }
  if (payload.ok() && !files.count(path)) {
    return absl::DataLossError("the compiled file does not embed its ruleset file");
  }
  Engine::Stored stored;
  for (int v = 0; v < kViewCount && payload.ok(); ++v) {
    ViewPatterns& view = stored.patterns.views[v];
    stored.patterns.used[v] = payload.U8() != 0;
    const uint32_t fallback_count = payload.U32();
    for (uint32_t i = 0; i < fallback_count && payload.ok(); ++i) {
      Fallback fallback;
      fallback.pattern = payload.U32();
      const uint8_t kind = payload.U8();
      if (kind > static_cast<uint8_t>(Fallback::Kind::kRemove)) {
        return absl::DataLossError("the compiled file's fallback table is damaged");
      }
      fallback.kind = static_cast<Fallback::Kind>(kind);
      view.fallbacks.push_back(fallback);
    }
    // A count the payload cannot hold is damage, not a reason to reserve
    // gigabytes: each pattern takes at least 30 bytes.
    const uint32_t pattern_count = payload.U32();
    if (pattern_count > payload_bytes.size() / 30) {
      return absl::DataLossError("the compiled file's pattern table is damaged");
    }
    view.expressions.reserve(pattern_count);
    view.flags.reserve(pattern_count);
    view.infos.reserve(pattern_count);
    for (uint32_t i = 0; i < pattern_count && payload.ok(); ++i) {
      view.expressions.emplace_back(payload.Bytes());
      view.flags.push_back(payload.U32());
      PatternInfo info;
      info.rule = payload.U32();
      info.kind = static_cast<PatternKind>(payload.U8());
      info.code_points = payload.U32();
      const uint8_t whole_word = payload.U8();
      info.whole_word_left = whole_word & 1;
      info.whole_word_right = whole_word & 2;
      info.runs_offset = payload.U32();
      info.runs_size = payload.U32();
      view.infos.push_back(info);
    }
    view.min_runs = std::string(payload.Bytes());
    stored.databases[v] = payload.Bytes();
  }
  const uint32_t re2_only_count = payload.U32();
  for (uint32_t i = 0; i < re2_only_count && payload.ok(); ++i) {
    stored.patterns.re2_only_rules.push_back(payload.U32());
  }
  if (!payload.ok() || !payload.at_end()) {
    return absl::DataLossError("the compiled file's payload is malformed");
  }
  return Engine::Restore(path, SourceSet::FromFiles(std::move(files)), options,
                         std::move(stored), diags);
}

}  // namespace vigil
