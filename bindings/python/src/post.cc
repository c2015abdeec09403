// post.cc — reading Python posts (see post.h). Hot: every classify call
// goes through here with the GIL held, so it allocates only for lists
// (links, roles) and looks dict keys up with interned, pre-hashed strings.
#include "post.h"

#include <algorithm>
#include <string>

namespace vigil_python {
namespace {

constexpr int kAuthorFields = 6;  // id name trust_level account_age_days post_count roles

const char* const kPostNames[PostReader::kPostFields] = {"body",  "title", "author", "channel",
                                                         "links", "id",    "lang"};
const char* const kAuthorNames[kAuthorFields] = {"id",         "name",       "trust_level",
                                                 "account_age_days", "post_count", "roles"};

PyObject* g_post_keys[PostReader::kPostFields];
PyObject* g_author_keys[kAuthorFields];
PyTypeObject* g_post_type = nullptr;
PyTypeObject* g_author_type = nullptr;

std::string TypeName(PyObject* value) { return Py_TYPE(value)->tp_name; }

// Python errors raised while reading (a __getattr__ that fails, ...) travel
// as ArgumentError with type nullptr: "the Python error is already set".
[[noreturn]] void PropagatePythonError() { throw ArgumentError{nullptr, std::string()}; }

// Reads `n` fields of `obj` by dict key or attribute (missing ones: nullptr);
// `owned` holds a reference to each.
void ReadMapping(PyObject* obj, PyObject* const* keys, int n, PyObject** out, PyObject** owned) {
  if (PyDict_Check(obj)) {
    for (int i = 0; i < n; ++i) {
      out[i] = PyDict_GetItemWithError(obj, keys[i]);
      if (out[i] == nullptr && PyErr_Occurred()) PropagatePythonError();
      // Held: reading one field may run Python code that changes the dict.
      Py_XINCREF(out[i]);
      owned[i] = out[i];
    }
    return;
  }
  for (int i = 0; i < n; ++i) {
    PyObject* value = PyObject_GetAttr(obj, keys[i]);
    if (value == nullptr) {
      if (!PyErr_ExceptionMatches(PyExc_AttributeError)) PropagatePythonError();
      PyErr_Clear();
    }
    owned[i] = value;
    out[i] = value;
  }
}

// Drops the references ReadMapping took for attributes.
struct OwnedFields {
  PyObject* refs[8] = {};
  ~OwnedFields() {
    for (PyObject* o : refs) Py_XDECREF(o);
  }
};

Py_ssize_t FirstSurrogate(PyObject* s) {
  Py_ssize_t n = PyUnicode_GET_LENGTH(s);
  int kind = PyUnicode_KIND(s);
  const void* data = PyUnicode_DATA(s);
  for (Py_ssize_t i = 0; i < n; ++i) {
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    if (c >= 0xD800 && c <= 0xDFFF) return i;
  }
  return -1;
}

}  // namespace

void Refs::Clear() {
  for (size_t i = 0; i < count_; ++i) Py_DECREF(inline_[i]);
  for (PyObject* o : more_) Py_DECREF(o);
  count_ = 0;
  more_.clear();
}

size_t PythonOffset(const Text& text, size_t byte) {
  if (!text.from_str || text.ascii) return byte;
  byte = std::min(byte, text.str.size);
  const auto* p = reinterpret_cast<const unsigned char*>(text.str.data);
  size_t count = 0;
  for (size_t i = 0; i < byte; ++i) count += (p[i] & 0xC0) != 0x80;  // not a continuation byte
  return count;
}

vigil_post PostData::ToPost() {
  vigil_post post = VIGIL_POST_INIT;
  post.id = id.str;
  post.title = title.str;
  post.body = body.str;
  post.author_id = author_id.str;
  post.author_name = author_name.str;
  post.channel = channel.str;
  post.lang = lang.str;
  if (!id_number.empty()) post.id = {id_number.data(), id_number.size()};
  if (!author_id_number.empty()) {
    post.author_id = {author_id_number.data(), author_id_number.size()};
  }
  if (has_links) {
    // An empty list means "no links": links must not be NULL then.
    static const vigil_str kNoLinks{"", 0};
    link_strs.clear();
    for (const Text& t : links) link_strs.push_back(t.str);
    post.links = link_strs.empty() ? &kNoLinks : link_strs.data();
    post.link_count = link_strs.size();
  }
  if (!roles.empty()) {
    post.author_roles = roles.data();
    post.author_role_count = roles.size();
  }
  post.author_trust_level = trust_level;
  post.author_account_age_days = account_age_days;
  post.author_post_count = post_count;
  return post;
}

const Text* PostData::FieldText(vigil_field field, size_t link_index) const {
  switch (field) {
    case VIGIL_FIELD_TITLE: return &title;
    case VIGIL_FIELD_BODY: return &body;
    case VIGIL_FIELD_AUTHOR_NAME: return &author_name;
    case VIGIL_FIELD_LINKS:
      return has_links && link_index < links.size() ? &links[link_index] : nullptr;
  }
  return nullptr;
}

void PostReader::ReadText(PyObject* value, const char* field, Text* out) {
  if (value == nullptr || value == Py_None) return;
  if (PyUnicode_Check(value)) {
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(value, &size);  // cached in the str
    if (utf8 == nullptr) {
      if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) PropagatePythonError();
      PyErr_Clear();
      if (d_->error == VIGIL_OK) {
        d_->error = VIGIL_E_INVALID_UTF8;
        d_->error_message = std::string(field) +
                            ": the str cannot be encoded as UTF-8 (lone surrogate at index " +
                            std::to_string(FirstSurrogate(value)) + ")";
      }
      return;
    }
    d_->refs.Add(value);
    out->str = {utf8, static_cast<size_t>(size)};
    out->object = value;
    out->from_str = true;
    out->ascii = PyUnicode_IS_ASCII(value);
  } else if (PyBytes_Check(value)) {
    d_->refs.Add(value);
    out->str = {PyBytes_AS_STRING(value), static_cast<size_t>(PyBytes_GET_SIZE(value))};
    out->object = value;
  } else {
    throw ArgumentError{PyExc_TypeError, std::string(field) +
                                             ": expected str, bytes or None, got " +
                                             TypeName(value)};
  }
}

void PostReader::ReadId(PyObject* value, const char* field, Text* out, std::string* number) {
  if (value != nullptr && PyLong_Check(value) && !PyBool_Check(value)) {
    PyObject* text = PyObject_Str(value);
    if (text == nullptr) PropagatePythonError();
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    if (utf8 != nullptr) number->assign(utf8, static_cast<size_t>(size));
    Py_DECREF(text);
    if (utf8 == nullptr) PropagatePythonError();
    return;
  }
  if (value != nullptr && value != Py_None && !PyUnicode_Check(value) && !PyBytes_Check(value)) {
    throw ArgumentError{PyExc_TypeError, std::string(field) +
                                             ": expected str, bytes, int or None, got " +
                                             TypeName(value)};
  }
  ReadText(value, field, out);
}

int64_t PostReader::ReadInt(PyObject* value, const char* field) {
  if (value == nullptr || value == Py_None) return VIGIL_UNSET;
  // bool and float are refused: True or 2.5 as a trust level is a bug.
  if (PyBool_Check(value) || PyFloat_Check(value) || !PyIndex_Check(value)) {
    throw ArgumentError{PyExc_TypeError,
                        std::string(field) + ": expected int or None, got " + TypeName(value)};
  }
  PyObject* index = PyNumber_Index(value);  // int, numpy integers...
  if (index == nullptr) PropagatePythonError();
  int overflow = 0;
  long long x = PyLong_AsLongLongAndOverflow(index, &overflow);
  Py_DECREF(index);
  if (x == -1 && PyErr_Occurred()) PropagatePythonError();
  if (overflow != 0 || x == static_cast<long long>(VIGIL_UNSET)) {
    throw ArgumentError{PyExc_ValueError,
                        std::string(field) + ": out of range for a 64-bit signed integer"};
  }
  return x;
}

void PostReader::ReadTextList(PyObject* value, const char* field, std::vector<Text>* out) {
  if (PyUnicode_Check(value) || PyBytes_Check(value) || !PySequence_Check(value)) {
    throw ArgumentError{PyExc_TypeError, std::string(field) +
                                             ": expected a list of str or bytes, got " +
                                             TypeName(value)};
  }
  PyObject* seq = PySequence_Fast(value, "expected a sequence");
  if (seq == nullptr) PropagatePythonError();
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  out->resize(static_cast<size_t>(n));
  try {
    for (Py_ssize_t i = 0; i < n; ++i) {
      PyObject* item = PySequence_Fast_GET_ITEM(seq, i);
      Text& text = (*out)[static_cast<size_t>(i)];
      if (item == Py_None) {
        throw ArgumentError{PyExc_TypeError, std::string(field) + "[" + std::to_string(i) +
                                                 "]: expected str or bytes, got None"};
      }
      std::string name = std::string(field) + "[" + std::to_string(i) + "]";
      ReadText(item, name.c_str(), &text);  // holds `item`: `seq` may change meanwhile
      if (text.str.data == nullptr) text.str = {"", 0};
    }
  } catch (...) {
    Py_DECREF(seq);
    throw;
  }
  Py_DECREF(seq);
}

void PostReader::ReadAuthor(PyObject* author) {
  if (author == nullptr || author == Py_None) return;
  PyObject* v[kAuthorFields] = {};
  OwnedFields owned;
  if (Py_TYPE(author) == g_author_type && PyTuple_GET_SIZE(author) == kAuthorFields) {
    for (int i = 0; i < kAuthorFields; ++i) v[i] = PyTuple_GET_ITEM(author, i);
  } else if (PyUnicode_Check(author) || PyBytes_Check(author) || PyLong_Check(author) ||
             PyFloat_Check(author) || PyList_Check(author) || PyTuple_Check(author)) {
    throw ArgumentError{PyExc_TypeError,
                        "author: expected vigil.Author, a dict or None, got " + TypeName(author)};
  } else {
    ReadMapping(author, g_author_keys, kAuthorFields, v, owned.refs);
  }
  ReadId(v[0], "author.id", &d_->author_id, &d_->author_id_number);
  ReadText(v[1], "author.name", &d_->author_name);
  d_->trust_level = ReadInt(v[2], "author.trust_level");
  d_->account_age_days = ReadInt(v[3], "author.account_age_days");
  d_->post_count = ReadInt(v[4], "author.post_count");
  if (v[5] != nullptr && v[5] != Py_None) {
    std::vector<Text> roles;
    ReadTextList(v[5], "author.roles", &roles);
    d_->roles.reserve(roles.size());
    for (const Text& t : roles) d_->roles.push_back(t.str);
  }
}

void PostReader::ReadLinks(PyObject* links) {
  if (links == nullptr || links == Py_None) return;
  d_->has_links = true;
  ReadTextList(links, "links", &d_->links);
}

void PostReader::ReadFields(PyObject* const v[kPostFields]) {
  ReadText(v[0], "body", &d_->body);
  ReadText(v[1], "title", &d_->title);
  ReadAuthor(v[2]);
  ReadText(v[3], "channel", &d_->channel);
  ReadLinks(v[4]);
  ReadId(v[5], "id", &d_->id, &d_->id_number);
  ReadText(v[6], "lang", &d_->lang);
}

void PostReader::ReadPost(PyObject* post) {
  PyObject* v[kPostFields] = {};
  OwnedFields owned;
  if (PyUnicode_Check(post) || PyBytes_Check(post)) {
    v[0] = post;
  } else if (Py_TYPE(post) == g_post_type && PyTuple_GET_SIZE(post) == kPostFields) {
    for (int i = 0; i < kPostFields; ++i) v[i] = PyTuple_GET_ITEM(post, i);
  } else if (post == Py_None || PyLong_Check(post) || PyFloat_Check(post) ||
             PyList_Check(post) || PyTuple_Check(post)) {
    throw ArgumentError{PyExc_TypeError,
                        "expected a post (str, bytes, vigil.Post or dict), got " + TypeName(post)};
  } else {
    ReadMapping(post, g_post_keys, kPostFields, v, owned.refs);
  }
  ReadFields(v);
}

bool InitPostReader() {
  for (int i = 0; i < PostReader::kPostFields; ++i) {
    g_post_keys[i] = PyUnicode_InternFromString(kPostNames[i]);
    if (g_post_keys[i] == nullptr) return false;
  }
  for (int i = 0; i < kAuthorFields; ++i) {
    g_author_keys[i] = PyUnicode_InternFromString(kAuthorNames[i]);
    if (g_author_keys[i] == nullptr) return false;
  }
  return true;
}

void RegisterPostTypes(PyObject* post_type, PyObject* author_type) {
  // Kept for the life of the process, like the classes themselves.
  Py_XINCREF(post_type);
  Py_XINCREF(author_type);
  g_post_type = reinterpret_cast<PyTypeObject*>(post_type);
  g_author_type = reinterpret_cast<PyTypeObject*>(author_type);
}

}  // namespace vigil_python
