//===- python/src/arrays.cpp - numpy arrays in and out of the C++ API -----===//
#include "python/src/arrays.h"

#include <string>

namespace hfc::python {

namespace {

std::string shapeOf(const py::array &a) {
  std::string s = "(";
  for (py::ssize_t d = 0; d < a.ndim(); ++d)
    s += (d ? ", " : "") + std::to_string(a.shape(d));
  return s + (a.ndim() == 1 ? ",)" : ")");
}

[[noreturn]] void fail(const std::string &message) { throw py::value_error(message); }

DoubleInput checked(py::array a, const char *what, size_t expected) {
  if (a.ndim() != 1)
    fail(std::string(what) + ": expected a 1-d array of " + std::to_string(expected) + " values, got shape " +
         shapeOf(a));
  if (static_cast<size_t>(a.shape(0)) != expected)
    fail(std::string(what) + ": expected " + std::to_string(expected) + " values, got " +
         std::to_string(a.shape(0)));
  const double *data = static_cast<const double *>(a.data());
  return DoubleInput{std::move(a), std::span<const double>(data, expected)};
}

} // namespace

DoubleInput readDoubles(py::handle obj, const char *what, size_t expected) {
  using Contiguous = py::array_t<double, py::array::c_style>;
  if (py::isinstance<Contiguous>(obj)) // float64, native order, contiguous: in place
    return checked(py::reinterpret_borrow<py::array>(obj), what, expected);
  if (py::isinstance<py::array>(obj)) {
    auto a = py::reinterpret_borrow<py::array>(obj);
    py::dtype dt = a.dtype();
    if (dt.kind() != 'f' || dt.itemsize() != 8)
      fail(std::string(what) + ": expected float64 values, got an array of dtype " + py::str(dt).cast<std::string>() +
           " (convert it with .astype(numpy.float64))");
    // A strided view or another byte order: one contiguous copy.
    return checked(Contiguous::ensure(a), what, expected);
  }
  if (py::isinstance<py::list>(obj) || py::isinstance<py::tuple>(obj)) {
    py::array a = py::module_::import("numpy").attr("asarray")(obj);
    py::dtype dt = a.dtype();
    if (a.ndim() == 1 && a.shape(0) > 0 && dt.kind() != 'f' && dt.kind() != 'i' && dt.kind() != 'u')
      fail(std::string(what) + ": expected numbers, got a sequence numpy reads as dtype " +
           py::str(dt).cast<std::string>());
    if (a.ndim() == 1 && a.shape(0) == 0 && expected != 0)
      fail(std::string(what) + ": expected " + std::to_string(expected) + " values, got 0");
    return checked(Contiguous::ensure(a), what, expected);
  }
  fail(std::string(what) + ": expected a float64 numpy array or a list of numbers, got " +
       py::str(py::type::handle_of(obj).attr("__name__")).cast<std::string>());
}

std::pair<py::array_t<double>, std::span<double>> newDoubles(size_t n) {
  py::array_t<double> a(static_cast<py::ssize_t>(n));
  return {a, std::span<double>(a.mutable_data(), n)};
}

} // namespace hfc::python
