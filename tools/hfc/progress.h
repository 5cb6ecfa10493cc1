//===- tools/hfc/progress.h - Progress lines on stderr for long commands --===//
//
// A command that runs over a second says what it is doing on stderr, at most
// twice a second, so stdout stays pure JSON.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace hf::cli {

class Progress {
public:
  explicit Progress(std::string what) : what_(std::move(what)), start_(Clock::now()), last_(start_) {}

  /// Reports `status` if a second has passed since the start and half a
  /// second since the last report.
  void update(const std::string &status) {
    auto now = Clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(500))
      return;
    last_ = now;
    fmt::print(stderr, "hfc: {}: {}\n", what_, status);
  }

private:
  using Clock = std::chrono::steady_clock;
  std::string what_;
  Clock::time_point start_, last_;
};

} // namespace hf::cli
