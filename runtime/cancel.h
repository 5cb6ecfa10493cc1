//===- runtime/cancel.h - Stopping a long computation from outside --------===//
//
// An interactive front (the REPL on Ctrl-C) asks the computation running in
// its process to stop; every fit checks at each likelihood evaluation and
// throws ComputeError("error: interrupted"), which unwinds through the
// minimizer, the toy workers and the limit search like any failed fit. The
// flag is a lock-free atomic, so a signal handler may set it.
//
//===----------------------------------------------------------------------===//
#pragma once

namespace hf {

/// Asks the running computation to stop (async-signal-safe).
void requestCancel();
/// Forgets a request (before the next command starts).
void clearCancel();
/// Whether a stop was requested and not cleared.
bool cancelRequested();
/// Throws ComputeError("error: interrupted") when a stop was requested.
void throwIfCancelled();

} // namespace hf
