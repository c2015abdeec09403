// Helpers shared by the libFuzzer targets: a byte reader that splits one
// fuzz input into the parts of a call, and a classification that reads
// every part of the verdict (so that a verdict pointing at freed or
// uninitialized memory is caught by the sanitizers, not only a crash).
#ifndef VIGIL_TESTS_FUZZ_FUZZ_UTIL_H_
#define VIGIL_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/vigil.h"

namespace vigil_fuzz {

// Pulls integers and 0xFF-separated fields from the input. 0xFF never occurs
// in UTF-8, so the separator takes nothing away from what a field can hold.
class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  uint8_t Byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint64_t U64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | Byte();
    return v;
  }
  bool done() const { return pos_ >= size_; }

  // The bytes up to the next 0xFF (or the end).
  std::string_view Field() {
    const size_t start = pos_;
    while (pos_ < size_ && data_[pos_] != 0xFF) ++pos_;
    std::string_view field(reinterpret_cast<const char*>(data_ + start), pos_ - start);
    if (pos_ < size_) ++pos_;  // the separator
    return field;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

inline vigil_str Str(std::string_view s) { return vigil_str{s.data(), s.size()}; }

// Reads the whole verdict through the C API; returns a digest of it (its JSON).
inline std::string ReadVerdict(const vigil_verdict* v) {
  size_t sink = 0;
  sink += std::strlen(vigil_verdict_post_id(v));
  sink += static_cast<size_t>(vigil_verdict_action(v));
  for (size_t i = 0; i < vigil_verdict_hit_count(v); ++i) {
    const vigil_hit* hit = vigil_verdict_hit(v, i);
    sink += std::strlen(hit->rule_id) + std::strlen(hit->tell_author);
    for (size_t m = 0; m < hit->match_count; ++m) {
      const vigil_match& match = hit->matches[m];
      if (match.start > match.end) std::abort();
      if (match.end - match.start != match.text_size) std::abort();
      if (std::strlen(match.text) > match.text_size) std::abort();
    }
    for (size_t e = 0; e < hit->escalation_count; ++e) sink += std::strlen(hit->escalations[e]);
  }
  for (size_t i = 0; i < vigil_verdict_dry_run_count(v); ++i)
    sink += vigil_verdict_dry_run(v, i)->match_count;
  for (size_t i = 0; i < vigil_verdict_escalation_count(v); ++i)
    sink += std::strlen(vigil_verdict_escalation(v, i)->id);
  for (size_t i = 0; i < vigil_verdict_message_count(v); ++i)
    sink += std::strlen(vigil_verdict_message(v, i)->text);
  size_t size = 0;
  const char* title = vigil_verdict_censored_title(v, &size);
  if (title && std::strlen(title) > size) std::abort();
  const char* body = vigil_verdict_censored_body(v, &size);
  if (body && std::strlen(body) > size) std::abort();
  const char* json = vigil_verdict_json(v, &size);
  static volatile size_t keep;  // so that the reads above are not optimized away
  keep = sink;
  return json ? std::string(json, size) : std::string();
}

// Classifies a few fixed posts with `engine` (any engine a fuzzer produced).
inline void ClassifySamples(const vigil_engine* engine) {
  vigil_scanner* scanner = nullptr;
  if (vigil_scanner_create(engine, &scanner) != VIGIL_OK) return;
  static const char* const kBodies[] = {
      "hello world", "buy now!!! http://spam.example.com/x mail me: a.b@example.com",
      "idiot \xd0\xb4\xd1\x83\xd1\x80\xd0\xb0\xd0\xba \xe5\x9e\x83\xe5\x9c\xbe", ""};
  for (const char* body : kBodies) {
    vigil_post post = VIGIL_POST_INIT;
    post.title = vigil_str_from_cstr("a title");
    post.body = vigil_str_from_cstr(body);
    post.author_name = vigil_str_from_cstr("someone");
    const vigil_verdict* verdict = nullptr;
    if (vigil_scanner_classify(scanner, &post, &verdict) == VIGIL_OK) ReadVerdict(verdict);
  }
  vigil_scanner_free(scanner);
}

}  // namespace vigil_fuzz

#endif  // VIGIL_TESTS_FUZZ_FUZZ_UTIL_H_
