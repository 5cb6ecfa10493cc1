//===- python/src/module.cpp - The extension module hfc._core -------------===//
//
// The C++ half of `import hfc`: hfc::Model, the workspace and PatchSet
// functions, and the two exception types. hf::InputError becomes
// hfc.InvalidInput (a ValueError, its message naming the file and place) and
// hf::ComputeError hfc.FitFailure (a RuntimeError); the Python package
// (python/hfc/) gives all of it pyhf's names and return shapes.
//
//===----------------------------------------------------------------------===//
#include "python/src/bindings.h"

#include "hf/error.h"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() = "hfc's compiled HistFactory likelihoods (use the hfc package, not this module)";
  py::register_exception<hf::InputError>(m, "InvalidInput", PyExc_ValueError);
  py::register_exception<hf::ComputeError>(m, "FitFailure", PyExc_RuntimeError);
  hfc::python::bindModel(m);
  hfc::python::bindWorkspace(m);
}
