// line_reader.cc — see line_reader.h.
#include "line_reader.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace vigil::cli {
namespace {

constexpr size_t kReadChunk = 1 << 20;

}  // namespace

LineReader::LineReader(int fd, size_t max_line_bytes)
    : fd_(fd), max_line_bytes_(max_line_bytes), buffer_(kReadChunk) {}

bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    scanned_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() - end_ < kReadChunk / 2) buffer_.resize(buffer_.size() * 2);
  for (;;) {
    ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (n > 0) {
      end_ += static_cast<size_t>(n);
      bytes_read_ += static_cast<uint64_t>(n);
      return true;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    if (errno == EINTR) continue;
    error_ = std::string("reading standard input: ") + std::strerror(errno);
    eof_ = true;
    return false;
  }
}

bool LineReader::SkipLongLine(Line* line) {
  uint64_t length = end_ - begin_;
  begin_ = end_ = scanned_ = 0;
  for (;;) {
    if (!Fill()) break;
    const char* newline = static_cast<const char*>(std::memchr(buffer_.data(), '\n', end_));
    if (newline != nullptr) {
      size_t rest = static_cast<size_t>(newline - buffer_.data());
      length += rest;
      begin_ = scanned_ = rest + 1;
      break;
    }
    length += end_;
    end_ = 0;
  }
  line->number = ++line_number_;
  line->text = {};
  line->too_long = true;
  line->length = length;
  return error_.empty();
}

bool LineReader::Next(Line* line) {
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const char* newline = static_cast<const char*>(
        std::memchr(buffer_.data() + scanned_, '\n', end_ - scanned_));
    if (newline != nullptr || (eof_ && begin_ < end_)) {
      size_t length = newline != nullptr ? static_cast<size_t>(newline - start) : end_ - begin_;
      size_t consumed = newline != nullptr ? length + 1 : length;
      if (length > 0 && start[length - 1] == '\r') --length;
      begin_ += consumed;
      scanned_ = begin_;
      if (length > max_line_bytes_) {
        line->number = ++line_number_;
        line->text = {};
        line->too_long = true;
        line->length = length;
        return true;
      }
      line->number = ++line_number_;
      line->text = std::string_view(start, length);
      line->too_long = false;
      line->length = length;
      return true;
    }
    scanned_ = end_;
    // +1: a line of exactly the limit may still be followed by "\r".
    if (end_ - begin_ > max_line_bytes_ + 1) return SkipLongLine(line);
    if (!Fill() && (end_ == begin_ || !error_.empty())) return false;
  }
}

bool LineReader::WouldBlock() {
  if (eof_) return false;
  if (std::memchr(buffer_.data() + scanned_, '\n', end_ - scanned_) != nullptr) return false;
  pollfd pfd{fd_, POLLIN, 0};
  int ready = ::poll(&pfd, 1, 0);
  return ready == 0;
}

}  // namespace vigil::cli
