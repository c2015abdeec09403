// gen_corpus.cc — writes the benchmark corpus (corpus.h) as JSON lines, the
// post format `vigil classify` reads, so the CLI and other engines can be
// measured on exactly the posts bench_classify uses.
//
//   vigil_gen_corpus [--posts=N] [--seed=S] [--kind=mixed|ascii|latin|zh|fa] [--body-bytes=N] > posts.jsonl
// Statistics (size, median, ASCII share) go to stderr.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "corpus.h"

int main(int argc, char** argv) {
  vigil::bench::CorpusOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--posts=", 0) == 0) {
      options.posts = std::strtoull(arg.c_str() + 8, nullptr, 10);
    } else if (arg.rfind("--seed=", 0) == 0) {
      options.seed = std::strtoull(arg.c_str() + 7, nullptr, 10);
    } else if (arg.rfind("--kind=", 0) == 0) {
      bool known = false;
      for (vigil::bench::CorpusKind kind :
           {vigil::bench::CorpusKind::kMixed, vigil::bench::CorpusKind::kAscii,
            vigil::bench::CorpusKind::kMixedLatin, vigil::bench::CorpusKind::kChinese,
            vigil::bench::CorpusKind::kPersian}) {
        if (arg.substr(7) == vigil::bench::CorpusKindName(kind)) {
          options.kind = kind;
          known = true;
        }
      }
      if (!known) {
        std::fprintf(stderr, "%s: unknown %s (mixed, ascii, latin, zh, fa)\n", argv[0], arg.c_str());
        return 2;
      }
    } else if (arg.rfind("--body-bytes=", 0) == 0) {
      options.body_bytes = std::strtoull(arg.c_str() + 13, nullptr, 10);
    } else {
      std::fprintf(stderr,
                   "usage: %s [--posts=N] [--seed=S] [--kind=mixed|ascii|latin|zh|fa] [--body-bytes=N]\n",
                   argv[0]);
      return 2;
    }
  }
  std::vector<vigil::bench::Post> posts = vigil::bench::GenerateCorpus(options);
  for (const vigil::bench::Post& post : posts) {
    std::string line = vigil::bench::PostToJson(post);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  vigil::bench::CorpusStats stats = vigil::bench::ComputeStats(posts);
  std::fprintf(stderr, "%zu posts, %zu text bytes, median %zu bytes, %zu pure ASCII\n",
               stats.posts, stats.text_bytes, stats.median_bytes, stats.ascii_posts);
  return 0;
}
