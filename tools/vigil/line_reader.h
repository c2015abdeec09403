// line_reader.h — reads a byte stream (standard input) line by line without
// ever cutting a line: a line longer than the limit is skipped as a whole and
// reported as too long, with its real length, so the caller can say so.
//
//   LineReader reader(STDIN_FILENO, 16 << 20);
//   LineReader::Line line;
//   while (reader.Next(&line)) { ... line.text, line.number, line.too_long ... }
//   if (!reader.error().empty()) { /* read failed */ }
#ifndef VIGIL_TOOLS_VIGIL_LINE_READER_H_
#define VIGIL_TOOLS_VIGIL_LINE_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::cli {

class LineReader {
 public:
  struct Line {
    uint64_t number = 0;       // 1-based
    std::string_view text;     // without "\n" or "\r\n"; empty when too_long
    bool too_long = false;
    uint64_t length = 0;       // the line's real length in bytes
  };

  LineReader(int fd, size_t max_line_bytes);

  // The next line, valid until the next call. False at the end of the stream
  // or on a read error (then error() is not empty). The last line needs no
  // newline.
  bool Next(Line* line);

  // True when no complete line is buffered and reading would block now
  // (a pipe whose writer is slow): the caller should hand on what it has.
  bool WouldBlock();

  uint64_t bytes_read() const { return bytes_read_; }
  const std::string& error() const { return error_; }

 private:
  // Reads more bytes after end_, moving the partial line to the front and
  // growing the buffer as needed. False at end of stream or on error.
  bool Fill();
  // Discards the rest of an over-long line, counting its bytes.
  bool SkipLongLine(Line* line);

  int fd_;
  size_t max_line_bytes_;
  std::vector<char> buffer_;
  size_t begin_ = 0;     // start of the unread bytes
  size_t end_ = 0;       // end of the bytes read
  size_t scanned_ = 0;   // bytes in [begin_, scanned_) hold no newline
  bool eof_ = false;
  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
  std::string error_;
};

}  // namespace vigil::cli

#endif  // VIGIL_TOOLS_VIGIL_LINE_READER_H_
