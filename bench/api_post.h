// api_post.h — a generated Post (corpus.h) as the C API's vigil_post, the
// way an embedder fills one, for the programs that classify through the
// C API or the Classifier.
#ifndef VIGIL_BENCH_API_POST_H_
#define VIGIL_BENCH_API_POST_H_

#include <string>
#include <vector>

#include "corpus.h"
#include "vigil/vigil.h"

namespace vigil::bench {

inline vigil_str Str(const std::string& s) { return vigil_str{s.data(), s.size()}; }
// An empty string as "not given" (NULL), as forums pass absent fields.
inline vigil_str OptionalStr(const std::string& s) {
  return s.empty() ? vigil_str{nullptr, 0} : Str(s);
}

// Points *out at `post`'s strings; `roles` receives the author's roles and
// must outlive *out, as must `post`.
inline void ToApiPost(const Post& post, std::vector<vigil_str>* roles, vigil_post* out) {
  vigil_post& v = *out;
  v = VIGIL_POST_INIT;
  v.id = Str(post.id);
  v.title = OptionalStr(post.title);
  v.body = Str(post.body);
  v.author_id = Str(post.author_id);
  v.author_name = Str(post.author_name);
  v.author_trust_level = post.author_trust_level;
  v.author_account_age_days = post.author_account_age_days;
  v.author_post_count = post.author_post_count;
  roles->clear();
  for (const std::string& r : post.author_roles) roles->push_back(Str(r));
  v.author_roles = roles->empty() ? nullptr : roles->data();
  v.author_role_count = roles->size();
  v.channel = OptionalStr(post.channel);
  v.lang = OptionalStr(post.lang);
}

}  // namespace vigil::bench

#endif  // VIGIL_BENCH_API_POST_H_
