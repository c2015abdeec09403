// baseline_agreement.cc — printing the agreement check of bench_baselines.
#include "baseline_agreement.h"

#include <cstdio>

#include "normalize/text_view.h"

namespace vigil::bench {
namespace {

// Of a post's title and body, in an example.
constexpr size_t kExampleBytes = 240;

}  // namespace

std::string Excerpt(std::string_view text, size_t max) {
  size_t end = std::min(max, text.size());
  while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  std::string out;
  for (char ch : text.substr(0, end)) out += ch == '\n' ? std::string("\\n") : std::string(1, ch);
  return out + (end < text.size() ? "…" : "");
}

void PrintAgreement(const Agreement& a, const std::vector<Post>& posts,
                    const std::vector<Pattern>& items) {
  std::printf("- %s: %zu posts × %zu %s compared with Hyperscan: %zu disagreements",
              a.matcher.c_str(), a.posts, a.patterns, a.unit, a.disagreements);
  if (a.prefilter_extra) {
    std::printf(" (%zu prefilter over-reports by Hyperscan, expected)", a.prefilter_extra);
  }
  std::printf("\n");
  for (const Disagreement& d : a.examples) {
    const Pattern& p = items[d.pattern];
    const Post& post = posts[d.post];
    std::printf(
        "  - post %s, %s %u (rule %s, %s view, /%s/): %s\n    title: \"%s\"\n"
        "    body: \"%s\"\n",
        post.id.c_str(), a.unit, d.pattern, p.rule.c_str(), ViewName(p.view),
        Excerpt(p.expression, 120).c_str(),
        d.hyperscan_matches ? "Hyperscan matches, this one does not"
                            : "this one matches, Hyperscan does not",
        Excerpt(post.title, kExampleBytes).c_str(), Excerpt(post.body, kExampleBytes).c_str());
  }
}

}  // namespace vigil::bench
