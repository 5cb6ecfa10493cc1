//===- api/workspace.cpp - Workspace documents and PatchSets for fronts ----===//
//
// hf/workspace.h over frontend/: the same reader, checks, JSON Patch and
// PatchSet code the CLI runs, with documents passed as JSON text.
//
//===----------------------------------------------------------------------===//
#include "hf/workspace.h"

#include "frontend/json_patch.h"
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/load.h"
#include "frontend/patchset.h"

#include <fmt/format.h>

namespace hfc {

std::string readWorkspaceJson(const std::string &path) { return hf::readWorkspaceFile(path).dump(); }

void checkWorkspaceJson(const std::string &workspaceJson, const std::string &name) {
  hf::readWorkspace(hf::parseJsonText(workspaceJson, name), name);
}

std::string applyJsonPatch(const std::string &documentJson, const std::string &patchJson, const std::string &source) {
  return hf::applyJsonPatch(hf::parseJsonText(documentJson, "<workspace>"), hf::parseJsonText(patchJson, source),
                            source)
      .dump();
}

struct PatchSet::Impl {
  hf::PatchSet patchset;

  std::string apply(const std::string &workspaceJson, const hf::PatchSetEntry &entry, bool verify) const {
    hf::Json doc = hf::parseJsonText(workspaceJson, "<workspace>");
    if (verify)
      patchset.verify(doc, "the workspace");
    return patchset.apply(doc, entry).dump();
  }
};

PatchSet::PatchSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PatchSet::PatchSet(PatchSet &&) noexcept = default;
PatchSet &PatchSet::operator=(PatchSet &&) noexcept = default;
PatchSet::~PatchSet() = default;

PatchSet PatchSet::load(const std::string &path) {
  return PatchSet(std::make_unique<Impl>(Impl{hf::PatchSet::fromJson(hf::readJsonFile(path), path)}));
}

PatchSet PatchSet::fromJson(const std::string &patchsetJson, const std::string &name) {
  return PatchSet(std::make_unique<Impl>(Impl{hf::PatchSet::fromJson(hf::parseJsonText(patchsetJson, name), name)}));
}

const std::vector<std::string> &PatchSet::labels() const { return impl_->patchset.labels(); }

std::vector<std::string> PatchSet::names() const {
  std::vector<std::string> out;
  for (const hf::PatchSetEntry &e : impl_->patchset.patches())
    out.push_back(e.name);
  return out;
}

std::vector<std::vector<double>> PatchSet::values() const {
  std::vector<std::vector<double>> out;
  for (const hf::PatchSetEntry &e : impl_->patchset.patches()) {
    std::vector<double> v;
    for (const hf::Json &x : e.values)
      v.push_back(x.is_boolean() ? (x.get<bool>() ? 1.0 : 0.0) : x.get<double>());
    out.push_back(std::move(v));
  }
  return out;
}

std::string PatchSet::metadataJson() const { return impl_->patchset.metadata().dump(); }

std::string PatchSet::patchJson(const std::string &point) const { return impl_->patchset.byName(point).ops.dump(); }

std::string PatchSet::apply(const std::string &workspaceJson, const std::string &point, bool verify) const {
  return impl_->apply(workspaceJson, impl_->patchset.byName(point), verify);
}

std::string PatchSet::apply(const std::string &workspaceJson, const std::vector<double> &values, bool verify) const {
  return impl_->apply(workspaceJson, impl_->patchset.byValues(values), verify);
}

} // namespace hfc
