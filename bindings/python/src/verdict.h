// verdict.h — a library verdict copied out of its scanner, then turned into
// the tuples the Python layer reads (vigil/_verdict.py).
//
// A vigil_verdict is borrowed until its scanner's next call, and Python
// objects need the GIL, which is released while posts are classified. So a
// worker copies the verdict into a VerdictData (no GIL), and the calling
// thread builds the tuple once it holds the GIL again:
//
//   VerdictData data;
//   ClassifyInto(scanner, &post, /*want_json=*/true, &data);   // no GIL
//   PyObject* raw = VerdictTuple(data, post);                  // GIL held
#ifndef VIGIL_PYTHON_VERDICT_H_
#define VIGIL_PYTHON_VERDICT_H_

#include <Python.h>

#include <string>
#include <vector>

#include <vigil/vigil.h>

#include "post.h"

namespace vigil_python {

struct MatchData {
  int field;
  size_t link_index, start, end;
  bool has_span;                // false: a link found in a non-ASCII str body
  size_t span_start, span_end;  // PythonOffset()s of start and end
  std::string text;
  double confidence;            // 1.0 except for detector matches
  bool has_subtype;             // a detector match
  std::string subtype;
};

struct HitData {
  std::string rule_id, category, severity, guideline_id, guideline_title, guideline_url;
  std::string tell_author, note_for_moderators;
  int action;
  bool dry_run;
  std::vector<std::string> escalations;
  std::vector<MatchData> matches;
};

struct EscalationData {
  std::string id, description;
  int priority;
};

struct MessageData {
  std::string guideline_id, guideline_title, guideline_url, text;
};

struct VerdictData {
  int status = VIGIL_OK;  // < 0: the post failed, and `error` says why
  std::string error;
  int action = VIGIL_ACTION_ALLOW;
  std::string post_id;
  std::vector<HitData> hits, dry_runs;
  std::vector<EscalationData> escalations;
  std::vector<MessageData> messages;
  bool has_censored_title = false, has_censored_body = false;
  std::string censored_title, censored_body;
  bool has_json = false;
  std::string json;
};

// Classifies `post` with `scanner` into *out (the verdict, or the failure).
// Needs no GIL; never throws.
void ClassifyInto(vigil_scanner* scanner, PostData* post, bool want_json, VerdictData* out);

// Each needs the GIL and returns a new reference, or nullptr with a Python
// error set.
//
// A vigil.Verdict holding the tuple vigil/_verdict.py reads:
//   (action, post_id, hits, dry_run, escalations, messages,
//    censored_title, censored_body, json)
PyObject* NewVerdict(const VerdictData& verdict, const PostData& post);
// A vigil.PostError for a failed post.
PyObject* NewPostError(const VerdictData& verdict, const PostData& post);
// NewVerdict, or (status, message) for a failed post (classify_many's
// results: the package numbers the failures).
PyObject* NewResult(const VerdictData& verdict, const PostData& post);

// Called once at import: the classes NewVerdict and NewPostError make.
void RegisterResultTypes(PyObject* verdict_type, PyObject* post_error_type);

// UTF-8 from the library as a str ("replace": a bug must not raise).
PyObject* NewStr(const char* data, size_t size);
inline PyObject* NewStr(const std::string& s) { return NewStr(s.data(), s.size()); }

}  // namespace vigil_python

#endif  // VIGIL_PYTHON_VERDICT_H_
