//===- hf/error.h - The two kinds of failure a user can meet ---------------===//
//
// hfc separates bad input (a malformed file, a schema violation, an unknown
// parameter: exit code 2) from a computation that failed on good input (a fit
// that did not converge: exit code 1). Both carry a message that is already
// complete: where (file and JSON path, or file:line:col) and what was expected.
// A broken internal invariant is neither: it is an assert.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <stdexcept>
#include <string>

namespace hf {

/// Bad input or usage. The message names the place and what was expected.
class InputError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A computation on valid input that did not succeed.
class ComputeError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace hf
