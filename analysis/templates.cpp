//===- analysis/templates.cpp - Building templates from ntuples ----------===//
//
// 1. Group the needed templates into passes: one per (tree, list of files),
//    so a template that concatenates several files is filled in file order
//    by one pass, and every template sharing that input shares the pass.
// 2. Per pass, in a worker thread: open the tree in each file, check every
//    expression against its branches, then for each chunk between basket
//    boundaries read the named branches once, evaluate each template's
//    filter, variable and weight column-wise and fill its histogram.
// 3. Collect the histograms in the route's order.
//
//===----------------------------------------------------------------------===//
#include "analysis/templates.h"

#include "analysis/evaluate.h"
#include "analysis/route.h"
#include "frontend/diagnostics.h"
#include "hf/error.h"
#include "io/root/root.h"

#include <boost/histogram.hpp>
#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unistd.h>

namespace hf::analysis {

namespace {

namespace bh = boost::histogram;
using WeightedHistogram = decltype(bh::make_weighted_histogram(bh::axis::variable<>({0.0, 1.0})));

DType dtypeOf(const root::BranchInfo &b) {
  switch (b.type) {
  case root::LeafType::Bool: return DType::Bool;
  case root::LeafType::Float:
  case root::LeafType::Float16: return DType::Float32;
  case root::LeafType::Double:
  case root::LeafType::Double32: return DType::Float64;
  default: return DType::Int;
  }
}

/// One template of a pass, with its expressions.
struct Job {
  size_t index; ///< in the route's order
  TemplateRef ref;
  NtupleSource source;
  std::optional<Expression> filter;
  std::optional<Expression> weightExpr;
  double constantWeight = 1.0;
  std::optional<Expression> variable;
  std::optional<WeightedHistogram> histogram;
};

struct Pass {
  std::string tree;
  std::vector<std::string> files;
  std::vector<Job *> jobs;
};

void runPass(Pass &pass) {
  std::vector<std::string> branches;
  auto need = [&](const std::optional<Expression> &e) {
    if (!e)
      return;
    for (const std::string &n : e->names())
      if (std::find(branches.begin(), branches.end(), n) == branches.end())
        branches.push_back(n);
  };
  for (Job *job : pass.jobs) {
    need(job->filter);
    need(job->weightExpr);
    need(job->variable);
  }
  for (const std::string &file : pass.files) {
    const Job &first = *pass.jobs.front();
    std::shared_ptr<const root::File> f;
    root::Tree *treePtr = nullptr;
    std::optional<root::Tree> tree;
    try {
      f = root::File::open(file);
      tree.emplace(f->tree(pass.tree));
      treePtr = &*tree;
    } catch (const InputError &e) {
      failAt(first.source.tree.loc, fmt::format("{}: {}: cannot read tree '{}' of {}: {}", first.source.tree.loc.pointer,
                                                first.ref.describe(), pass.tree, file, e.what()));
    }
    std::map<std::string, DType> types;
    for (const root::BranchInfo &b : treePtr->branches())
      types[b.name] = dtypeOf(b);
    std::string where = fmt::format("tree '{}' of {}", pass.tree, file);
    for (Job *job : pass.jobs) {
      if (job->filter) {
        DType t = job->filter->check(types, where);
        if (t != DType::Bool)
          job->filter->fail(1, fmt::format("a Filter must be a boolean expression (a selection), got {}",
                                           dtypeName(t)));
      }
      if (job->weightExpr)
        job->weightExpr->check(types, where);
      job->variable->check(types, where);
    }
    for (const std::string &b : branches) {
      const root::BranchInfo *info = treePtr->findBranch(b);
      if (info && info->jagged)
        failAt(first.source.tree.loc,
               fmt::format("{}: branch '{}' of {} is jagged ({}); the expressions need flat branches",
                           first.source.tree.loc.pointer, b, where, info->typeName));
    }
    std::vector<uint64_t> bounds = treePtr->chunkBoundaries(branches);
    uint64_t lo = 0;
    for (uint64_t hi : bounds) {
      if (hi <= lo)
        continue;
      size_t n = static_cast<size_t>(hi - lo);
      std::map<std::string, Values> columns;
      std::map<std::string, const Values *> view;
      for (const std::string &b : branches) {
        Values v;
        v.type = types.at(b);
        v.data = treePtr->read(b, lo, hi).values;
        if (v.data.size() != n)
          throw InputError(fmt::format("{}: error: branch '{}' of tree '{}' gave {} values for entries [{}, {})",
                                       file, b, pass.tree, v.data.size(), lo, hi));
        auto [it, fresh] = columns.emplace(b, std::move(v));
        view[b] = &it->second;
      }
      for (Job *job : pass.jobs) {
        Values mask, weights;
        if (job->filter)
          mask = job->filter->evaluate(view, n);
        if (job->weightExpr)
          weights = job->weightExpr->evaluate(view, n);
        Values x = job->variable->evaluate(view, n);
        WeightedHistogram &h = *job->histogram;
        for (size_t i = 0; i < n; ++i) {
          if (job->filter && mask.at(i) == 0)
            continue;
          double w = job->weightExpr ? weights.at(i) : job->constantWeight;
          h(x.at(i), bh::weight(w));
        }
      }
      lo = hi;
    }
  }
}

} // namespace

TemplateSet buildNtupleTemplates(const Config &config, const BuildOptions &options) {
  std::vector<TemplateRef> grid = neededTemplates(config);
  std::vector<std::unique_ptr<Job>> jobs;
  std::vector<Pass> passes;
  std::map<std::pair<std::string, std::vector<std::string>>, size_t> passOf;
  for (size_t i = 0; i < grid.size(); ++i) {
    auto job = std::make_unique<Job>();
    job->index = i;
    job->ref = grid[i];
    job->source = ntupleSource(config, grid[i], options.baseDir);
    if (job->source.filter)
      job->filter.emplace(*job->source.filter);
    if (job->source.weight && !parsePythonFloat(job->source.weight->value, job->constantWeight))
      job->weightExpr.emplace(*job->source.weight);
    job->variable.emplace(job->source.variable);
    job->histogram.emplace(bh::make_weighted_histogram(bh::axis::variable<>(job->source.bins)));
    auto key = std::make_pair(job->source.tree.value, job->source.files);
    auto [it, fresh] = passOf.emplace(key, passes.size());
    if (fresh)
      passes.push_back(Pass{job->source.tree.value, job->source.files, {}});
    passes[it->second].jobs.push_back(job.get());
    jobs.push_back(std::move(job));
  }

  // The passes in parallel; the first failure (in pass order) is reported.
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(passes.size()));
  std::vector<std::exception_ptr> errors(passes.size());
  std::atomic<size_t> next{0}, done{0};
  std::mutex progressMutex;
  auto worker = [&] {
    for (size_t p = next++; p < passes.size(); p = next++) {
      try {
        runPass(passes[p]);
      } catch (...) {
        errors[p] = std::current_exception();
      }
      if (options.progress) {
        std::lock_guard<std::mutex> lock(progressMutex);
        fmt::print(stderr, "hfc templates: [{}/{}] {} of {}\n", ++done, passes.size(), passes[p].tree,
                   fmt::join(passes[p].files, ", "));
      }
    }
  };
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back(worker);
    for (std::thread &t : pool)
      t.join();
  }
  for (const std::exception_ptr &e : errors)
    if (e)
      std::rethrow_exception(e);

  TemplateSet out;
  for (const auto &job : jobs) {
    Histogram h;
    h.bins = job->source.bins;
    for (auto &&cell : bh::indexed(*job->histogram)) {
      h.yields.push_back(cell->value());
      h.stdev.push_back(std::sqrt(cell->variance()));
    }
    out[job->ref.name()] = std::move(h);
  }
  return out;
}

} // namespace hf::analysis
