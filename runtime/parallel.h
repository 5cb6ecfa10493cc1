//===- runtime/parallel.h - The same worker on several threads ------------===//
//
// Work shared out by an atomic counter (ranking's parameters, --all-points'
// points) needs only this: run the worker on `count` threads, the calling
// one included, and wait for all of them. The worker itself catches what it
// throws (a thread must not end in an exception).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>

namespace hf {

/// Runs `worker` on `count` threads (0: one per core), this one included,
/// and returns when all have returned.
void runWorkers(unsigned count, const std::function<void()> &worker);

} // namespace hf
