//===- tools/hfc/progress.h - Progress lines on stderr for long commands --===//
//
// A command that runs over a second says what it is doing on stderr, at most
// twice a second, so stdout stays pure JSON.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

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

/// For a command with no steps to count (one fit, one asymptotic hypothesis
/// test): past a second, a line on stderr every two seconds saying what it
/// is doing and for how long, from a thread that ends with the command.
class Heartbeat {
public:
  explicit Heartbeat(std::string what) : what_(std::move(what)), thread_([this] { run(); }) {}
  ~Heartbeat() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  Heartbeat(const Heartbeat &) = delete;
  Heartbeat &operator=(const Heartbeat &) = delete;

private:
  void run() {
    auto start = std::chrono::steady_clock::now();
    auto next = start + std::chrono::seconds(1);
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_until(lock, next, [this] { return done_; })) {
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      fmt::print(stderr, "hfc: {}: working, {:.0f} s\n", what_, seconds);
      std::fflush(stderr);
      next += std::chrono::seconds(2);
    }
  }

  std::string what_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_; // last: started once the members it uses exist
};

} // namespace hf::cli
