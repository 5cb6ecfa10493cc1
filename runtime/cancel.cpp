//===- runtime/cancel.cpp - Stopping a long computation from outside ------===//
#include "runtime/cancel.h"

#include "hf/error.h"

#include <atomic>

namespace hf {

namespace {
std::atomic<bool> requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");
} // namespace

void requestCancel() { requested.store(true, std::memory_order_relaxed); }
void clearCancel() { requested.store(false, std::memory_order_relaxed); }
bool cancelRequested() { return requested.load(std::memory_order_relaxed); }

void throwIfCancelled() {
  if (cancelRequested())
    throw ComputeError("error: interrupted");
}

} // namespace hf
