// cmd_classify.cc — `vigil classify`: JSONL posts on stdin, one JSONL record
// per non-blank input line on stdout, in input order.
//
// The stream is cut into batches of lines. The main thread reads and hands
// batches to N workers (each with its own vigil_scanner and JSON parser); a
// writer thread writes the batches' output strictly in input order as they
// complete. At most a few batches per worker are in flight, so memory stays
// bounded however long the stream. A batch is handed on early when the input
// stalls (a pipe from a slow producer), so records are never held back
// waiting for more input.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "args.h"
#include "classify_stats.h"
#include "commands.h"
#include "engine_source.h"
#include "handles.h"
#include "json_text.h"
#include "line_reader.h"
#include "post_json.h"

namespace vigil::cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int64_t kDefaultMaxLineBytes = 16 << 20;
constexpr int64_t kDefaultBatchLines = 1024;
constexpr size_t kBatchBytes = 1 << 20;
constexpr int kMaxThreads = 256;

struct ClassifyOptions {
  EngineSource source;
  int threads = 1;
  bool summary_only = false;
  bool summary = true;
  size_t batch_lines = kDefaultBatchLines;
  size_t max_line_bytes = kDefaultMaxLineBytes;
};

struct Batch {
  struct Line {
    uint64_t number;
    size_t offset;
    size_t size;
    bool too_long;
  };
  std::string text;  // the lines' bytes back to back
  std::vector<Line> lines;
  std::string output;
  bool done = false;  // guarded by Pipeline::mu
};

// What one worker needs; each worker owns one, so nothing here is shared.
struct Worker {
  ScannerPtr scanner;
  JsonPostParser parser;
  ClassifyStats stats;
  std::thread thread;
};

class Pipeline {
 public:
  Pipeline(const ClassifyOptions& options, std::vector<std::unique_ptr<Worker>>* workers)
      : options_(options), workers_(*workers),
        max_in_flight_(std::max<size_t>(4, 3 * workers->size())),
        show_progress_(::isatty(STDERR_FILENO) == 1) {}

  // Reads standard input to the end and returns once every record has been
  // written. False when standard input or output failed (error() says why).
  bool Run(ClassifyTiming* timing);
  const std::string& error() const { return error_; }

 private:
  void Submit(std::unique_ptr<Batch> batch);
  void WorkLoop(Worker* worker);
  void WriteLoop();
  void ProcessBatch(Batch* batch, Worker* worker) const;
  void ShowProgress(uint64_t posts, bool final);

  const ClassifyOptions& options_;
  std::vector<std::unique_ptr<Worker>>& workers_;
  const size_t max_in_flight_;
  const bool show_progress_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_progress_ = start_;
  std::atomic<uint64_t> bytes_read_{0};

  std::mutex mu_;
  std::condition_variable work_ready_;  // workers: a batch to do, or the end
  std::condition_variable batch_done_;  // writer: the oldest batch is done, or the end
  std::condition_variable space_;       // reader: room for one more batch
  std::deque<Batch*> work_;
  std::deque<std::unique_ptr<Batch>> in_order_;
  bool input_done_ = false;
  bool output_failed_ = false;
  std::string error_;
};

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool WriteAll(int fd, std::string_view data, std::string* error) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::string("writing standard output: ") + std::strerror(errno);
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void Pipeline::ProcessBatch(Batch* batch, Worker* worker) const {
  const bool records = !options_.summary_only;
  ClassifyStats& stats = worker->stats;
  for (const Batch::Line& line : batch->lines) {
    ++stats.posts_read;
    if (line.too_long) {
      stats.AddError(kErrorLineTooLong);
      if (records) {
        AppendErrorRecord(&batch->output, line.number, false, {}, kErrorLineTooLong,
                          "the line is " + std::to_string(line.size) +
                              " bytes long, over the limit of " +
                              std::to_string(options_.max_line_bytes) +
                              " bytes (--max-line-bytes)");
      }
      continue;
    }
    const std::string_view text(batch->text.data() + line.offset, line.size);
    vigil_post post;
    PostError error;
    if (!worker->parser.Parse(text, &post, &error)) {
      stats.AddError(error.kind);
      if (records) {
        AppendErrorRecord(&batch->output, line.number, worker->parser.has_id(),
                          worker->parser.id(), error.kind, error.message);
      }
      continue;
    }
    const vigil_verdict* verdict = nullptr;
    int status = vigil_scanner_classify(worker->scanner.get(), &post, &verdict);
    if (status == VIGIL_OK && verdict == nullptr) status = VIGIL_E_INTERNAL;
    if (status == VIGIL_OK && records) {
      size_t json_size = 0;
      const char* json = vigil_verdict_json(verdict, &json_size);
      if (json != nullptr) {
        batch->output.append(json, json_size);
        batch->output.push_back('\n');
      } else {
        status = VIGIL_E_INTERNAL;
      }
    }
    if (status == VIGIL_OK) {
      stats.AddVerdict(verdict);
      continue;
    }
    const std::string_view kind = vigil_status_name(status);
    stats.AddError(kind);
    if (records) {
      std::string message = OrEmpty(vigil_scanner_last_error(worker->scanner.get()));
      if (message.empty()) message = vigil_status_describe(status);
      AppendErrorRecord(&batch->output, line.number, worker->parser.has_id(),
                        worker->parser.id(), kind, message);
    }
  }
}

void Pipeline::Submit(std::unique_ptr<Batch> batch) {
  {
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return in_order_.size() < max_in_flight_; });
    work_.push_back(batch.get());
    in_order_.push_back(std::move(batch));
  }
  work_ready_.notify_one();
}

void Pipeline::WorkLoop(Worker* worker) {
  for (;;) {
    Batch* batch = nullptr;
    {
      std::unique_lock lock(mu_);
      work_ready_.wait(lock, [&] { return !work_.empty() || input_done_; });
      if (work_.empty()) return;
      batch = work_.front();
      work_.pop_front();
    }
    ProcessBatch(batch, worker);
    {
      std::lock_guard lock(mu_);
      batch->done = true;
    }
    batch_done_.notify_all();
  }
}

void Pipeline::WriteLoop() {
  uint64_t posts = 0;
  bool failed = false;
  for (;;) {
    std::unique_ptr<Batch> batch;
    {
      std::unique_lock lock(mu_);
      batch_done_.wait(lock, [&] {
        return (!in_order_.empty() && in_order_.front()->done) ||
               (input_done_ && in_order_.empty());
      });
      if (in_order_.empty()) break;
      batch = std::move(in_order_.front());
      in_order_.pop_front();
    }
    space_.notify_one();
    std::string error;
    if (!failed && !WriteAll(STDOUT_FILENO, batch->output, &error)) {
      failed = true;
      std::lock_guard lock(mu_);
      output_failed_ = true;
      error_ = error;
    }
    posts += batch->lines.size();
    ShowProgress(posts, false);
  }
  ShowProgress(posts, true);
}

void Pipeline::ShowProgress(uint64_t posts, bool final) {
  if (!show_progress_) return;
  const Clock::time_point now = Clock::now();
  if (final) {
    std::fputs("\r\033[K", stderr);  // leave the line clean for the summary
    return;
  }
  if (now - last_progress_ < std::chrono::milliseconds(250)) return;
  last_progress_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r\033[Kvigil classify: %llu posts, %.1f MB, %.0f posts/s",
               static_cast<unsigned long long>(posts),
               static_cast<double>(bytes_read_.load(std::memory_order_relaxed)) / 1e6,
               static_cast<double>(posts) / std::max(seconds, 1e-9));
}

bool Pipeline::Run(ClassifyTiming* timing) {
  start_ = last_progress_ = Clock::now();
  for (auto& worker : workers_) {
    worker->thread = std::thread([this, w = worker.get()] { WorkLoop(w); });
  }
  std::thread writer([this] { WriteLoop(); });

  LineReader reader(STDIN_FILENO, options_.max_line_bytes);
  auto batch = std::make_unique<Batch>();
  auto output_failed = [&] {
    std::lock_guard lock(mu_);
    return output_failed_;
  };
  LineReader::Line line;
  for (;;) {
    if (!batch->lines.empty() &&
        (batch->lines.size() >= options_.batch_lines || batch->text.size() >= kBatchBytes ||
         reader.WouldBlock())) {
      Submit(std::move(batch));
      batch = std::make_unique<Batch>();
      bytes_read_.store(reader.bytes_read(), std::memory_order_relaxed);
      if (output_failed()) break;  // nobody is listening: stop reading
    }
    if (!reader.Next(&line)) break;
    if (!line.too_long && IsBlank(line.text)) {
      ++timing->blank_lines;
      continue;
    }
    batch->lines.push_back({line.number, batch->text.size(),
                            line.too_long ? static_cast<size_t>(line.length) : line.text.size(),
                            line.too_long});
    batch->text.append(line.text);
  }
  if (!batch->lines.empty()) Submit(std::move(batch));
  {
    std::lock_guard lock(mu_);
    input_done_ = true;
  }
  work_ready_.notify_all();
  batch_done_.notify_all();
  for (auto& worker : workers_) worker->thread.join();
  writer.join();

  timing->input_bytes = reader.bytes_read();
  timing->run_seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  if (!reader.error().empty() && error_.empty()) error_ = reader.error();
  return error_.empty();
}

std::optional<ClassifyOptions> ParseOptions(int argc, const char* const* argv,
                                            std::string* error, bool* help) {
  static constexpr FlagSpec kFlags[] = {
      {"--rules", "", true},          {"--engine", "", true},
      {"--threads", "-j", true},      {"--summary-only", "", false},
      {"--no-summary", "", false},    {"--batch-lines", "", true},
      {"--max-line-bytes", "", true}, {"--max-post-bytes", "", true},
      {"--help", "-h", false},
  };
  std::optional<Args> args = Args::Parse(kFlags, argc, argv, error);
  if (!args) return std::nullopt;
  ClassifyOptions options;
  if (args->Has("--help")) {
    *help = true;
    return options;
  }
  if (!args->operands().empty()) {
    *error = "unexpected argument '" + std::string(args->operands()[0]) +
             "' (posts are read from standard input)";
    return std::nullopt;
  }
  options.source.rules_path = args->Value("--rules").value_or("");
  options.source.engine_path = args->Value("--engine").value_or("");
  if (options.source.rules_path.empty() == options.source.engine_path.empty()) {
    *error = "give exactly one of --rules RULES and --engine FILE";
    return std::nullopt;
  }
  if (auto value = args->Value("--threads")) {
    auto threads = ParseInt("--threads", *value, 0, kMaxThreads, error);
    if (!threads) return std::nullopt;
    options.threads = *threads != 0
                          ? static_cast<int>(*threads)
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  if (auto value = args->Value("--batch-lines")) {
    auto lines = ParseInt("--batch-lines", *value, 1, 1 << 20, error);
    if (!lines) return std::nullopt;
    options.batch_lines = static_cast<size_t>(*lines);
  }
  if (auto value = args->Value("--max-line-bytes")) {
    auto bytes = ParseInt("--max-line-bytes", *value, 1, int64_t{1} << 32, error);
    if (!bytes) return std::nullopt;
    options.max_line_bytes = static_cast<size_t>(*bytes);
  }
  if (auto value = args->Value("--max-post-bytes")) {
    if (options.source.rules_path.empty()) {
      *error = "--max-post-bytes applies when compiling (--rules); a compiled engine keeps its own";
      return std::nullopt;
    }
    auto bytes = ParseInt("--max-post-bytes", *value, 1, int64_t{1} << 32, error);
    if (!bytes) return std::nullopt;
    options.source.max_post_bytes = static_cast<size_t>(*bytes);
  }
  options.summary_only = args->Has("--summary-only");
  options.summary = !args->Has("--no-summary");
  if (options.summary_only && !options.summary) {
    *error = "--summary-only and --no-summary together would print nothing";
    return std::nullopt;
  }
  return options;
}

}  // namespace

int RunClassify(int argc, const char* const* argv) {
  std::string error;
  bool help = false;
  std::optional<ClassifyOptions> options = ParseOptions(argc, argv, &error, &help);
  if (!options) return UsageError("classify", error);
  if (help) {
    PrintUsage(stdout, "classify");
    return kExitOk;
  }

  ClassifyTiming timing;
  timing.threads = options->threads;
  const Clock::time_point load_start = Clock::now();
  EnginePtr engine = LoadEngine(options->source, "classify");
  if (engine == nullptr) return kExitFailure;
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < options->threads; ++i) {
    auto worker = std::make_unique<Worker>();
    vigil_scanner* scanner = nullptr;
    int status = vigil_scanner_create(engine.get(), &scanner);
    worker->scanner.reset(scanner);
    if (status != VIGIL_OK || scanner == nullptr) {
      std::fprintf(stderr, "vigil classify: cannot create a scanner: %s (%s)\n",
                   vigil_status_name(status), vigil_status_describe(status));
      return kExitFailure;
    }
    workers.push_back(std::move(worker));
  }
  timing.load_seconds = std::chrono::duration<double>(Clock::now() - load_start).count();

  Pipeline pipeline(*options, &workers);
  const bool ok = pipeline.Run(&timing);
  ClassifyStats stats;
  for (const auto& worker : workers) stats.Merge(worker->stats);
  workers.clear();  // scanners go before their engine
  if (options->summary) PrintSummary(stderr, stats, timing);
  if (!ok) {
    std::fprintf(stderr, "vigil classify: %s\n", pipeline.error().c_str());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace vigil::cli
