// post.h — a Python post read into a vigil_post, for the `vigil` extension.
//
// A post is str/bytes (the body), a vigil.Post, a dict in the JSON post
// format, or any object with the attributes; see vigil/_post.py. The library
// reads str and bytes buffers in place: PostData holds a strong reference to
// every object whose buffer it points into, so the post stays valid while the
// GIL is released, whatever other threads do to the containers.
//
//   PostData data;
//   PostReader(&data).ReadPost(obj);      // GIL held; throws ArgumentError
//   vigil_post post = data.ToPost();      // any thread, no GIL
//   ...                                   // destroy `data` with the GIL held
#ifndef VIGIL_PYTHON_POST_H_
#define VIGIL_PYTHON_POST_H_

#include <Python.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <vigil/vigil.h>

namespace vigil_python {

// A caller's mistake found while reading a post (wrong type, integer out of
// range), raised as `type` (PyExc_TypeError or PyExc_ValueError).
struct ArgumentError {
  PyObject* type;
  std::string message;
};

// Strong references to the objects a post points into; released with the
// GIL held (the destructor needs it).
class Refs {
 public:
  Refs() = default;
  Refs(const Refs&) = delete;
  Refs& operator=(const Refs&) = delete;
  ~Refs() { Clear(); }

  void Add(PyObject* o) {
    Py_INCREF(o);
    if (count_ < inline_.size()) {
      inline_[count_++] = o;
    } else {
      more_.push_back(o);
    }
  }
  void Clear();

 private:
  std::array<PyObject*, 12> inline_;  // a post rarely holds more: no allocation
  size_t count_ = 0;
  std::vector<PyObject*> more_;
};

// One text field as given.
struct Text {
  vigil_str str{nullptr, 0};
  PyObject* object = nullptr;  // the str or bytes (borrowed; Refs holds it)
  bool from_str = false;       // a str: spans are reported in code points
  bool ascii = false;          // an ASCII str: code points are bytes

  bool given() const { return str.data != nullptr; }
};

// The offset in the units the Python user indexes `text` with (code points of
// a str, bytes of bytes) of byte offset `byte`.
size_t PythonOffset(const Text& text, size_t byte);

struct PostData {
  Text id, title, body, author_id, author_name, channel, lang;
  std::string id_number, author_id_number;  // an int id, as its decimal text
  bool has_links = false;                   // false: the library finds them in the body
  std::vector<Text> links;
  std::vector<vigil_str> link_strs, roles;
  int64_t trust_level = VIGIL_UNSET;
  int64_t account_age_days = VIGIL_UNSET;
  int64_t post_count = VIGIL_UNSET;
  // A str UTF-8 cannot encode (a lone surrogate): the post fails with
  // VIGIL_E_INVALID_UTF8, as bytes the library rejects do.
  int error = VIGIL_OK;
  std::string error_message;
  Refs refs;

  // The vigil_post over this data; built just before classifying, as it
  // points into members that must not move afterwards.
  vigil_post ToPost();

  // The text a match of (field, link_index) is in; nullptr for links the
  // library found in the body.
  const Text* FieldText(vigil_field field, size_t link_index) const;
};

class PostReader {
 public:
  explicit PostReader(PostData* data) : d_(data) {}

  // A whole post (see the file comment).
  void ReadPost(PyObject* post);
  // The fields in vigil.Post order: body title author channel links id lang.
  static constexpr int kPostFields = 7;
  void ReadFields(PyObject* const fields[kPostFields]);

 private:
  void ReadText(PyObject* value, const char* field, Text* out);
  void ReadId(PyObject* value, const char* field, Text* out, std::string* number);
  int64_t ReadInt(PyObject* value, const char* field);
  void ReadTextList(PyObject* value, const char* field, std::vector<Text>* out);
  void ReadAuthor(PyObject* author);
  void ReadLinks(PyObject* links);

  PostData* d_;
};

// Called once at import: the dict keys, and vigil.Post / vigil.Author
// (NamedTuples whose fields are read by position).
bool InitPostReader();
void RegisterPostTypes(PyObject* post_type, PyObject* author_type);

}  // namespace vigil_python

#endif  // VIGIL_PYTHON_POST_H_
