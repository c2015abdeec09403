// verdict.cc — copying verdicts and building their tuples (see verdict.h).
// Most posts are allowed without hits, so that path copies only the id and
// the JSON, and shares one empty tuple for every empty list.
#include "verdict.h"

#include <cstring>
#include <new>

namespace vigil_python {
namespace {

std::string Copy(const char* s) { return s ? std::string(s) : std::string(); }

void CopyHit(const vigil_hit& h, const PostData& post, HitData* out) {
  out->rule_id = Copy(h.rule_id);
  out->category = Copy(h.category);
  out->severity = Copy(h.severity);
  out->guideline_id = Copy(h.guideline_id);
  out->guideline_title = Copy(h.guideline_title);
  out->guideline_url = Copy(h.guideline_url);
  out->tell_author = Copy(h.tell_author);
  out->note_for_moderators = Copy(h.note_for_moderators);
  out->action = h.action;
  out->dry_run = h.dry_run != 0;
  out->escalations.reserve(h.escalation_count);
  for (size_t i = 0; i < h.escalation_count; ++i) out->escalations.push_back(Copy(h.escalations[i]));
  out->matches.resize(h.match_count);
  for (size_t i = 0; i < h.match_count; ++i) {
    const vigil_match& m = h.matches[i];
    MatchData& md = out->matches[i];
    md.field = m.field;
    md.link_index = m.link_index;
    md.start = m.start;
    md.end = m.end;
    md.text.assign(m.text ? m.text : "", m.text ? m.text_size : 0);
    md.confidence = m.confidence;
    md.has_subtype = m.subtype != nullptr;
    md.subtype = m.subtype ? m.subtype : "";
    if (const Text* text = post.FieldText(m.field, m.link_index)) {
      md.has_span = true;
      md.span_start = PythonOffset(*text, m.start);
      md.span_end = PythonOffset(*text, m.end);
    } else {
      // A link the library found in the body: the offsets are into that URL,
      // which starts at body_offset in the body.
      const size_t base = PythonOffset(post.body, m.body_offset);
      md.has_span = true;
      md.span_start = PythonOffset(post.body, m.body_offset + m.start) - base;
      md.span_end = PythonOffset(post.body, m.body_offset + m.end) - base;
    }
  }
}

void CopyVerdict(const vigil_verdict* v, const PostData& post, bool want_json, VerdictData* out) {
  out->action = vigil_verdict_action(v);
  out->post_id = Copy(vigil_verdict_post_id(v));
  size_t n = vigil_verdict_hit_count(v);
  out->hits.resize(n);
  for (size_t i = 0; i < n; ++i) CopyHit(*vigil_verdict_hit(v, i), post, &out->hits[i]);
  n = vigil_verdict_dry_run_count(v);
  out->dry_runs.resize(n);
  for (size_t i = 0; i < n; ++i) CopyHit(*vigil_verdict_dry_run(v, i), post, &out->dry_runs[i]);
  n = vigil_verdict_escalation_count(v);
  out->escalations.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const vigil_escalation* e = vigil_verdict_escalation(v, i);
    out->escalations[i] = {Copy(e->id), Copy(e->description), e->priority};
  }
  n = vigil_verdict_message_count(v);
  out->messages.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const vigil_author_message* m = vigil_verdict_message(v, i);
    out->messages[i] = {Copy(m->guideline_id), Copy(m->guideline_title),
                        Copy(m->guideline_url), Copy(m->text)};
  }
  size_t size = 0;
  // A post without a title has no censored title (the library gives "").
  const char* title = vigil_verdict_censored_title(v, &size);
  if (title != nullptr && post.title.given()) {
    out->has_censored_title = true;
    out->censored_title.assign(title, size);
  }
  if (const char* body = vigil_verdict_censored_body(v, &size)) {
    out->has_censored_body = true;
    out->censored_body.assign(body, size);
  }
  if (want_json) {
    if (const char* json = vigil_verdict_json(v, &size)) {
      out->has_json = true;
      out->json.assign(json, size);
    }
  }
}

// Owns a new reference until released into a tuple.
class Ref {
 public:
  explicit Ref(PyObject* o) : o_(o) {}
  ~Ref() { Py_XDECREF(o_); }
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  explicit operator bool() const { return o_ != nullptr; }
  PyObject* get() const { return o_; }
  PyObject* release() {
    PyObject* o = o_;
    o_ = nullptr;
    return o;
  }

 private:
  PyObject* o_;
};

// Every tuple built here holds only str, int, bool, None and such tuples,
// so it can never be part of a reference cycle: untracked, the garbage
// collector does not walk the thousands that classify_many makes (CPython
// untracks them itself, but only once a collection has visited them).
PyObject* Untracked(PyObject* tuple) {
  PyObject_GC_UnTrack(tuple);
  return tuple;
}

// Fills a new tuple from new references (any nullptr fails the whole tuple,
// releasing the others).
PyObject* Pack(std::initializer_list<PyObject*> items) {
  PyObject* tuple = PyTuple_New(static_cast<Py_ssize_t>(items.size()));
  bool ok = tuple != nullptr;
  Py_ssize_t i = 0;
  for (PyObject* item : items) {
    if (item == nullptr) ok = false;
    if (ok) {
      PyTuple_SET_ITEM(tuple, i, item);
    } else {
      Py_XDECREF(item);
    }
    ++i;
  }
  if (!ok) {
    Py_XDECREF(tuple);
    return nullptr;
  }
  return Untracked(tuple);
}

PyObject* NewInt(long long v) { return PyLong_FromLongLong(v); }
PyObject* NewSize(size_t v) { return PyLong_FromSize_t(v); }
PyObject* NewBool(bool v) { return PyBool_FromLong(v); }
PyObject* NewNone() { Py_RETURN_NONE; }

PyObject* g_empty_tuple = nullptr;  // shared by every empty list

PyObject* EmptyTuple() {
  if (g_empty_tuple == nullptr) g_empty_tuple = PyTuple_New(0);
  Py_XINCREF(g_empty_tuple);
  return g_empty_tuple;
}

template <typename T, typename F>
PyObject* TupleOf(const std::vector<T>& items, F&& make) {
  if (items.empty()) return EmptyTuple();
  Ref tuple(PyTuple_New(static_cast<Py_ssize_t>(items.size())));
  if (!tuple) return nullptr;
  for (size_t i = 0; i < items.size(); ++i) {
    PyObject* item = make(items[i]);
    if (item == nullptr) return nullptr;
    PyTuple_SET_ITEM(tuple.get(), static_cast<Py_ssize_t>(i), item);
  }
  return Untracked(tuple.release());
}

PyObject* MatchTuple(const MatchData& m) {
  return Pack({NewInt(m.field), NewSize(m.link_index), NewSize(m.start), NewSize(m.end),
               m.has_span ? NewSize(m.span_start) : NewNone(),
               m.has_span ? NewSize(m.span_end) : NewNone(), NewStr(m.text),
               PyFloat_FromDouble(m.confidence),
               m.has_subtype ? NewStr(m.subtype) : NewNone()});
}

PyObject* HitTuple(const HitData& h) {
  return Pack({NewStr(h.rule_id), NewStr(h.category), NewStr(h.severity),
               Pack({NewStr(h.guideline_id), NewStr(h.guideline_title), NewStr(h.guideline_url)}),
               NewInt(h.action), NewBool(h.dry_run),
               TupleOf(h.escalations, [](const std::string& s) { return NewStr(s); }),
               NewStr(h.tell_author), NewStr(h.note_for_moderators),
               TupleOf(h.matches, MatchTuple)});
}

// The post id: the caller's own str, which the library echoes as given
// (saves decoding it again); else the library's text.
PyObject* PostId(const VerdictData& v, const PostData& post) {
  const Text& id = post.id;
  if (id.from_str && id.str.size == v.post_id.size()) {
    Py_INCREF(id.object);
    return id.object;
  }
  return NewStr(v.post_id);
}

PyTypeObject* g_verdict_type = nullptr;
PyObject* g_post_error_type = nullptr;
PyObject* g_raw_name = nullptr;  // "_raw", the Verdict's slot

PyObject* VerdictTuple(const VerdictData& v, const PostData& post) {
  return Pack({NewInt(v.action), PostId(v, post), TupleOf(v.hits, HitTuple),
               TupleOf(v.dry_runs, HitTuple),
               TupleOf(v.escalations,
                       [](const EscalationData& e) {
                         return Pack({NewStr(e.id), NewInt(e.priority), NewStr(e.description)});
                       }),
               TupleOf(v.messages,
                       [](const MessageData& m) {
                         return Pack({NewStr(m.guideline_id), NewStr(m.guideline_title),
                                      NewStr(m.guideline_url), NewStr(m.text)});
                       }),
               v.has_censored_title ? NewStr(v.censored_title) : NewNone(),
               v.has_censored_body ? NewStr(v.censored_body) : NewNone(),
               v.has_json ? NewStr(v.json) : NewNone()});
}

}  // namespace

PyObject* NewStr(const char* data, size_t size) {
  return PyUnicode_DecodeUTF8(data ? data : "", data ? static_cast<Py_ssize_t>(size) : 0,
                              "replace");
}

void ClassifyInto(vigil_scanner* scanner, PostData* post, bool want_json, VerdictData* out) {
  if (post->error != VIGIL_OK) {
    out->status = post->error;
    out->error = post->error_message;
    return;
  }
  try {
    vigil_post p = post->ToPost();
    const vigil_verdict* verdict = nullptr;
    int status = vigil_scanner_classify(scanner, &p, &verdict);
    if (status != VIGIL_OK || verdict == nullptr) {
      out->status = status != VIGIL_OK ? status : VIGIL_E_INTERNAL;
      out->error = Copy(vigil_scanner_last_error(scanner));
      return;
    }
    CopyVerdict(verdict, *post, want_json, out);
  } catch (const std::bad_alloc&) {
    *out = VerdictData();
    out->status = VIGIL_E_NO_MEMORY;
    out->error = "out of memory copying the verdict";
  } catch (...) {
    *out = VerdictData();
    out->status = VIGIL_E_INTERNAL;
    out->error = "unexpected error copying the verdict";
  }
}

PyObject* NewVerdict(const VerdictData& v, const PostData& post) {
  if (g_verdict_type == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "vigil._vigil: register_types() was not called");
    return nullptr;
  }
  Ref raw(VerdictTuple(v, post));
  if (!raw) return nullptr;
  // As Verdict.__new__ would, without running Python code: the package's
  // Verdict keeps the tuple in its `_raw` slot and builds the rest lazily.
  Ref verdict(g_verdict_type->tp_alloc(g_verdict_type, 0));
  if (!verdict || PyObject_SetAttr(verdict.get(), g_raw_name, raw.get()) < 0) return nullptr;
  // Untracked too: a Verdict has fixed slots that hold only these tuples and,
  // later, the hits built from them, none of which can refer back to it. A
  // batch of tracked verdicts would make the collector walk every object of
  // the program (the caller's posts included) once they pile up.
  PyObject_GC_UnTrack(verdict.get());
  return verdict.release();
}

PyObject* NewPostError(const VerdictData& v, const PostData& post) {
  if (g_post_error_type == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "vigil._vigil: register_types() was not called");
    return nullptr;
  }
  Ref post_id(post.id.given() ? NewStr(post.id.str.data, post.id.str.size)
              : !post.id_number.empty() ? NewStr(post.id_number) : NewNone());
  if (!post_id) return nullptr;
  // PostError(status, message, diagnostics, index, post_id)
  return PyObject_CallFunction(g_post_error_type, "iN()OO", v.status, NewStr(v.error), Py_None,
                               post_id.get());
}

PyObject* NewResult(const VerdictData& v, const PostData& post) {
  if (v.status != VIGIL_OK) return Pack({NewInt(v.status), NewStr(v.error)});
  return NewVerdict(v, post);
}

void RegisterResultTypes(PyObject* verdict_type, PyObject* post_error_type) {
  // Kept for the life of the process, like the classes themselves.
  Py_XINCREF(verdict_type);
  Py_XINCREF(post_error_type);
  g_verdict_type = reinterpret_cast<PyTypeObject*>(verdict_type);
  g_post_error_type = post_error_type;
  if (g_raw_name == nullptr) g_raw_name = PyUnicode_InternFromString("_raw");
}

}  // namespace vigil_python
