//===- python/src/bind_workspace.cpp - Workspace documents and PatchSets ---===//
//
// hf/workspace.h for Python: documents cross as JSON text, which hfc/_workspace.py
// turns into and out of dicts with the json module (floats round-trip exactly).
//
//===----------------------------------------------------------------------===//
#include "python/src/bindings.h"

#include "hf/workspace.h"

#include <pybind11/stl.h>

namespace hfc::python {

namespace py = pybind11;

void bindWorkspace(py::module_ &m) {
  m.def("read_workspace_json", &readWorkspaceJson, py::arg("path"),
        "The workspace of a .json or .hf file as pyhf JSON text");
  m.def("check_workspace_json", &checkWorkspaceJson, py::arg("workspace_json"), py::arg("name"),
        "Checks a workspace document as a .json file is checked; InvalidInput otherwise");
  m.def("apply_json_patch", &applyJsonPatch, py::arg("document_json"), py::arg("patch_json"), py::arg("source"));
  py::class_<PatchSet>(m, "PatchSet")
      .def_static("load", &PatchSet::load, py::arg("path"))
      .def_static("from_json", &PatchSet::fromJson, py::arg("patchset_json"), py::arg("name") = "<patchset>")
      .def_property_readonly("labels", &PatchSet::labels)
      .def_property_readonly("names", &PatchSet::names)
      .def_property_readonly("values", &PatchSet::values)
      .def_property_readonly("metadata_json", &PatchSet::metadataJson)
      .def("patch_json", &PatchSet::patchJson, py::arg("point"))
      .def(
          "apply_name",
          [](const PatchSet &self, const std::string &ws, const std::string &point, bool verify) {
            return self.apply(ws, point, verify);
          },
          py::arg("workspace_json"), py::arg("point"), py::arg("verify") = true)
      .def(
          "apply_values",
          [](const PatchSet &self, const std::string &ws, const std::vector<double> &values, bool verify) {
            return self.apply(ws, values, verify);
          },
          py::arg("workspace_json"), py::arg("values"), py::arg("verify") = true);
}

} // namespace hfc::python
