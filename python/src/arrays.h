//===- python/src/arrays.h - numpy arrays in and out of the C++ API -------===//
//
// The module's one place for numpy semantics: what a float64 input is (a 1-d
// array used in place when it already is contiguous float64, a list or tuple
// of numbers converted once), the ValueError for anything else, and fresh
// float64 outputs the C++ API writes into directly.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <span>

namespace hfc::python {

namespace py = pybind11;

/// Values read from a Python object: `values` points into `owner`, which the
/// caller keeps alive (with the GIL released, too) while it uses them.
struct DoubleInput {
  py::object owner;
  std::span<const double> values;
};

/// `obj` as `expected` float64 values, named `what` in errors. A C-contiguous
/// 1-d float64 array (a view of a larger one included) is used without a
/// copy; a strided or byte-swapped float64 array and a list/tuple of numbers
/// are converted. ValueError for another dtype (an integer, boolean, complex
/// or object array), another shape, or another length.
DoubleInput readDoubles(py::handle obj, const char *what, size_t expected);

/// A new 1-d float64 array of n values and a span over its memory.
std::pair<py::array_t<double>, std::span<double>> newDoubles(size_t n);

} // namespace hfc::python
