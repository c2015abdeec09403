// module.cc — vigil._vigil, the private extension module behind `import vigil`.
//
// A thin pybind11 layer over libvigil's public C API (<vigil/vigil.h>) and
// nothing else, as RE2's python/_re2.cc is for re2.py: the classes, enums,
// exceptions and reprs a Python user sees are in the pure-Python package on
// top (vigil/*.py). Here:
//
//   Engine   a compiled ruleset: compile_file, compile_string, load,
//            deserialize, save, serialize, run_tests, classify, classify_many
//
// Errors are values, as in the C API: compiling, loading and classifying
// return a status with its diagnostics or message, and the package raises
// the matching exception. Only a caller's wrong types raise from here
// (TypeError, ValueError), before the library is called.
//
// Threads: the GIL is released around every library call that can take a
// while. An Engine's vigil_engine is owned by an EngineCore that its workers
// share, with a pool of idle scanners: every classification takes a scanner
// from the pool (or makes one) and puts it back, so concurrent calls, from
// any number of Python threads or re-entrant ones, never share a scanner,
// and a thread-per-request server reuses warm scanners instead of making one
// per thread.
#include <pybind11/pybind11.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <vigil/vigil.h>

#include "post.h"
#include "verdict.h"

namespace py = pybind11;

namespace vigil_python {
namespace {

[[noreturn]] void Raise(const ArgumentError& error) {
  if (error.type != nullptr) PyErr_SetString(error.type, error.message.c_str());
  throw py::error_already_set();  // (type nullptr: a Python error is already set)
}

py::object Steal(PyObject* o) {
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

py::str Str(const char* s) {
  return py::reinterpret_steal<py::str>(Steal(NewStr(s, s ? std::strlen(s) : 0)).release());
}

// A path or name, given as bytes (os.fsencode in the package).
std::string CPath(const py::bytes& path, const char* what) {
  std::string s = path;
  if (s.find('\0') != std::string::npos) {
    throw py::value_error(std::string(what) + ": embedded null byte");
  }
  return s;
}

// [(is_error, file, line, column, rule_id, message, formatted), ...]
py::list DiagnosticsList(const vigil_diagnostics* diags) {
  py::list out;
  size_t n = vigil_diagnostics_count(diags);
  for (size_t i = 0; i < n; ++i) {
    out.append(py::make_tuple(
        vigil_diagnostics_is_error(diags, i) != 0, Str(vigil_diagnostics_file(diags, i)),
        vigil_diagnostics_line(diags, i), vigil_diagnostics_column(diags, i),
        Str(vigil_diagnostics_rule_id(diags, i)), Str(vigil_diagnostics_message(diags, i)),
        Str(vigil_diagnostics_format(diags, i))));
  }
  return out;
}

// The compiled engine and a pool of idle scanners for it.
class EngineCore {
 public:
  explicit EngineCore(vigil_engine* engine) : engine_(engine) {}
  ~EngineCore() {
    for (vigil_scanner* s : idle_) vigil_scanner_free(s);
    vigil_engine_free(engine_);  // after its scanners
  }
  EngineCore(const EngineCore&) = delete;
  EngineCore& operator=(const EngineCore&) = delete;

  const vigil_engine* engine() const { return engine_; }

  // An idle scanner or a new one; nullptr (and *status) when none can be
  // made. Thread-safe, no GIL needed.
  vigil_scanner* Acquire(int* status) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        vigil_scanner* s = idle_.back();
        idle_.pop_back();
        return s;
      }
    }
    vigil_scanner* s = nullptr;
    *status = vigil_scanner_create(engine_, &s);
    return *status == VIGIL_OK ? s : nullptr;
  }

  void Release(vigil_scanner* scanner) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (idle_.size() < kMaxIdle) {
        idle_.push_back(scanner);
        return;
      }
    }
    vigil_scanner_free(scanner);
  }

 private:
  static constexpr size_t kMaxIdle = 64;
  vigil_engine* engine_;
  std::mutex mutex_;
  std::vector<vigil_scanner*> idle_;
};

class Engine {
 public:
  explicit Engine(vigil_engine* engine) : core_(std::make_shared<EngineCore>(engine)) {}

  const std::shared_ptr<EngineCore>& core() const { return core_; }

  // Each returns (Engine or None, status, diagnostics).
  static py::tuple CompileFile(const py::bytes& path, size_t max_post_bytes) {
    std::string p = CPath(path, "path");
    vigil_compile_options options = VIGIL_COMPILE_OPTIONS_INIT;
    options.max_post_bytes = max_post_bytes;
    vigil_engine* engine = nullptr;
    vigil_diagnostics* diags = nullptr;
    int status;
    {
      py::gil_scoped_release release;
      status = vigil_engine_compile_file(p.c_str(), &options, &engine, &diags);
    }
    return Result(status, engine, diags);
  }

  static py::tuple CompileString(const py::bytes& yaml, const py::object& name,
                                 size_t max_post_bytes) {
    std::string text = yaml;
    std::string n = name.is_none() ? std::string() : CPath(name.cast<py::bytes>(), "name");
    vigil_compile_options options = VIGIL_COMPILE_OPTIONS_INIT;
    options.max_post_bytes = max_post_bytes;
    vigil_engine* engine = nullptr;
    vigil_diagnostics* diags = nullptr;
    int status;
    {
      py::gil_scoped_release release;
      status = vigil_engine_compile_string(text.data(), text.size(),
                                           name.is_none() ? nullptr : n.c_str(), &options,
                                           &engine, &diags);
    }
    return Result(status, engine, diags);
  }

  static py::tuple Load(const py::bytes& path) {
    std::string p = CPath(path, "path");
    vigil_engine* engine = nullptr;
    vigil_diagnostics* diags = nullptr;
    int status;
    {
      py::gil_scoped_release release;
      status = vigil_engine_load(p.c_str(), &engine, &diags);
    }
    return Result(status, engine, diags);
  }

  static py::tuple Deserialize(const py::bytes& data) {
    std::string bytes = data;
    vigil_engine* engine = nullptr;
    vigil_diagnostics* diags = nullptr;
    int status;
    {
      py::gil_scoped_release release;
      status = vigil_engine_deserialize(bytes.data(), bytes.size(), &engine, &diags);
    }
    return Result(status, engine, diags);
  }

  // (status, diagnostics)
  py::tuple Save(const py::bytes& path) const {
    std::string p = CPath(path, "path");
    vigil_diagnostics* diags = nullptr;
    int status;
    {
      py::gil_scoped_release release;
      status = vigil_engine_save(core_->engine(), p.c_str(), &diags);
    }
    std::unique_ptr<vigil_diagnostics, void (*)(vigil_diagnostics*)> owned(
        diags, vigil_diagnostics_free);
    return py::make_tuple(status, DiagnosticsList(diags));
  }

  // (status, bytes or None)
  py::tuple Serialize() const {
    void* buffer = nullptr;
    size_t size = 0;
    int status;
    {
      py::gil_scoped_release release;
      status = vigil_engine_serialize(core_->engine(), &buffer, &size);
    }
    std::unique_ptr<void, void (*)(void*)> owned(buffer, vigil_buffer_free);
    if (status != VIGIL_OK) return py::make_tuple(status, py::none());
    return py::make_tuple(status, py::bytes(static_cast<const char*>(buffer), size));
  }

  py::str RulesetName() const { return Str(vigil_engine_ruleset_name(core_->engine())); }
  size_t MaxPostBytes() const { return vigil_engine_max_post_bytes(core_->engine()); }
  py::list RuleIds() const {
    py::list out;
    size_t n = vigil_engine_rule_count(core_->engine());
    for (size_t i = 0; i < n; ++i) out.append(Str(vigil_engine_rule_id(core_->engine(), i)));
    return out;
  }

  // (status, [(rule_id, expects_match, passed, example, file, line, detail)])
  py::tuple RunTests() const {
    vigil_test_report* report = nullptr;
    int status;
    {
      py::gil_scoped_release release;
      status = vigil_engine_run_tests(core_->engine(), &report);
    }
    std::unique_ptr<vigil_test_report, void (*)(vigil_test_report*)> owned(
        report, vigil_test_report_free);
    py::list results;
    size_t n = status == VIGIL_OK ? vigil_test_report_count(report) : 0;
    for (size_t i = 0; i < n; ++i) {
      results.append(py::make_tuple(
          Str(vigil_test_report_rule_id(report, i)),
          vigil_test_report_expects_match(report, i) != 0,
          vigil_test_report_passed(report, i) != 0, Str(vigil_test_report_example(report, i)),
          Str(vigil_test_report_file(report, i)), vigil_test_report_line(report, i),
          Str(vigil_test_report_detail(report, i))));
    }
    return py::make_tuple(status, results);
  }

  // classify(body, title, author, channel, links, id, lang) or
  // classify(post, None, ...): a vigil.Verdict, or raises vigil.PostError.
  // The scanner comes from the engine's pool, so each concurrent call (any
  // thread, or a re-entrant one) has its own, and warm scanners are reused.
  py::object Classify(py::handle body, py::handle title, py::handle author, py::handle channel,
                      py::handle links, py::handle id, py::handle lang) {
    PostData post;
    try {
      PostReader reader(&post);
      PyObject* b = body.ptr();
      if (b != Py_None && !PyUnicode_Check(b) && !PyBytes_Check(b)) {
        if (!title.is_none() || !author.is_none() || !channel.is_none() || !links.is_none() ||
            !id.is_none() || !lang.is_none()) {
          throw ArgumentError{PyExc_TypeError,
                              "classify() takes a post or the fields of one, not both"};
        }
        reader.ReadPost(b);
      } else {
        PyObject* fields[PostReader::kPostFields] = {b, title.ptr(), author.ptr(), channel.ptr(),
                                                     links.ptr(), id.ptr(), lang.ptr()};
        reader.ReadFields(fields);
      }
    } catch (const ArgumentError& e) {
      Raise(e);
    }
    VerdictData verdict;
    {
      py::gil_scoped_release release;
      int status = VIGIL_OK;
      vigil_scanner* scanner = core_->Acquire(&status);
      if (scanner != nullptr) {
        ClassifyInto(scanner, &post, /*want_json=*/true, &verdict);
        core_->Release(scanner);
      } else {
        verdict.status = status != VIGIL_OK ? status : VIGIL_E_NO_MEMORY;
        verdict.error = "could not create a scanner";
      }
    }
    if (verdict.status != VIGIL_OK) {
      py::object error = Steal(NewPostError(verdict, post));
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
      throw py::error_already_set();
    }
    return Steal(NewVerdict(verdict, post));
  }

  // Classifies a list of posts on up to `threads` threads (this one among
  // them), each with its own scanner, the GIL released; returns, in order, a
  // vigil.Verdict per post, or (status, message) for a post that failed.
  // `first_index` numbers posts in messages.
  py::list ClassifyMany(const py::list& posts, int threads, bool want_json, size_t first_index) {
    // A tuple copy: reading a post may run Python code (a property), which
    // must not be able to change the batch under us.
    py::tuple batch = py::reinterpret_steal<py::tuple>(Steal(PySequence_Tuple(posts.ptr())).release());
    const size_t n = batch.size();
    std::vector<PostData> data(n);
    for (size_t i = 0; i < n; ++i) {
      try {
        PostReader(&data[i]).ReadPost(PyTuple_GET_ITEM(batch.ptr(), static_cast<Py_ssize_t>(i)));
      } catch (const ArgumentError& e) {
        if (e.type == nullptr) throw py::error_already_set();
        Raise({e.type, "posts[" + std::to_string(first_index + i) + "]: " + e.message});
      }
    }
    std::vector<VerdictData> verdicts(n);
    {
      py::gil_scoped_release release;
      RunWorkers(data, verdicts, threads, want_json);
    }
    py::list out(n);
    for (size_t i = 0; i < n; ++i) {
      PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i),
                      Steal(NewResult(verdicts[i], data[i])).release().ptr());
    }
    return out;
  }

 private:
  static py::tuple Result(int status, vigil_engine* engine, vigil_diagnostics* diags) {
    std::unique_ptr<vigil_diagnostics, void (*)(vigil_diagnostics*)> owned(
        diags, vigil_diagnostics_free);
    py::list list = DiagnosticsList(diags);
    if (status != VIGIL_OK || engine == nullptr) {
      vigil_engine_free(engine);
      return py::make_tuple(py::none(), status != VIGIL_OK ? status : VIGIL_E_INTERNAL, list);
    }
    return py::make_tuple(py::cast(Engine(engine)), status, list);
  }

  void RunWorkers(std::vector<PostData>& posts, std::vector<VerdictData>& verdicts, int threads,
                  bool want_json) {
    const size_t n = posts.size();
    constexpr size_t kChunk = 16;  // posts a worker takes at a time
    std::atomic<size_t> next{0};
    auto work = [&]() noexcept {
      int status = VIGIL_OK;
      vigil_scanner* scanner = core_->Acquire(&status);
      for (;;) {
        size_t begin = next.fetch_add(kChunk);
        if (begin >= n) break;
        size_t end = std::min(n, begin + kChunk);
        for (size_t i = begin; i < end; ++i) {
          if (scanner != nullptr) {
            ClassifyInto(scanner, &posts[i], want_json, &verdicts[i]);
          } else {
            verdicts[i].status = status != VIGIL_OK ? status : VIGIL_E_NO_MEMORY;
            verdicts[i].error = "could not create a scanner";
          }
        }
      }
      if (scanner != nullptr) core_->Release(scanner);
    };
    size_t wanted = std::min<size_t>(static_cast<size_t>(std::max(threads, 1)),
                                     (n + kChunk - 1) / kChunk);
    std::vector<std::thread> helpers;
    for (size_t t = 1; t < wanted; ++t) {
      try {
        helpers.emplace_back(work);
      } catch (...) {
        break;  // no more threads to be had: those running do the rest
      }
    }
    work();  // this thread is one of the workers
    for (std::thread& t : helpers) t.join();
  }

  std::shared_ptr<EngineCore> core_;
};

py::dict NameTable(const char* (*name)(int), int first, int last) {
  py::dict out;
  for (int i = first; i <= last; ++i) out[py::int_(i)] = Str(name(i));
  return out;
}

}  // namespace
}  // namespace vigil_python

PYBIND11_MODULE(_vigil, m) {
  using namespace vigil_python;
  m.doc() = "Private: libvigil's C API for the `vigil` package. Use `import vigil`.";
  if (!InitPostReader()) throw py::error_already_set();

  m.attr("HEADER_VERSION_NUMBER") = VIGIL_VERSION_NUMBER;
  m.def("version_number", &vigil_version_number);
  m.def("version_string", []() { return Str(vigil_version_string()); });
  m.def("status_name", [](int s) { return Str(vigil_status_name(s)); });
  m.def("status_describe", [](int s) { return Str(vigil_status_describe(s)); });
  m.def("action_names", []() {
    return NameTable([](int a) { return vigil_action_name(static_cast<vigil_action>(a)); },
                     VIGIL_ACTION_ALLOW, VIGIL_ACTION_REJECT);
  });
  m.def("priority_names", []() {
    return NameTable([](int p) { return vigil_priority_name(static_cast<vigil_priority>(p)); },
                     VIGIL_PRIORITY_LOW, VIGIL_PRIORITY_URGENT);
  });
  m.def("field_names", []() {
    return NameTable([](int f) { return vigil_field_name(static_cast<vigil_field>(f)); },
                     VIGIL_FIELD_TITLE, VIGIL_FIELD_AUTHOR_NAME);
  });
  m.def(
      "register_types",
      [](py::object post, py::object author, py::object verdict, py::object post_error) {
        RegisterPostTypes(post.ptr(), author.ptr());
        RegisterResultTypes(verdict.ptr(), post_error.ptr());
      },
      "Called once by the package: vigil.Post, vigil.Author, vigil.Verdict, vigil.PostError.");

  py::class_<Engine>(m, "Engine")
      .def_static("compile_file", &Engine::CompileFile, py::arg("path"), py::arg("max_post_bytes"))
      .def_static("compile_string", &Engine::CompileString, py::arg("yaml"), py::arg("name"),
                  py::arg("max_post_bytes"))
      .def_static("load", &Engine::Load, py::arg("path"))
      .def_static("deserialize", &Engine::Deserialize, py::arg("data"))
      .def("save", &Engine::Save, py::arg("path"))
      .def("serialize", &Engine::Serialize)
      .def("run_tests", &Engine::RunTests)
      .def("classify", &Engine::Classify)
      .def("classify_many", &Engine::ClassifyMany, py::arg("posts"), py::arg("threads"),
           py::arg("want_json"), py::arg("first_index"))
      .def_property_readonly("ruleset_name", &Engine::RulesetName)
      .def_property_readonly("max_post_bytes", &Engine::MaxPostBytes)
      .def("rule_ids", &Engine::RuleIds);
}
