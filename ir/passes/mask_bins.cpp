//===- ir/passes/mask_bins.cpp - Fixed bins out of the log-pdf terms ------===//
//
// A staterror or shapesys bin with no uncertainty (an empty bin, a zero
// error) gets a parameter that is fixed at its init. Its constraint term
// then no longer depends on θ: it is a function of its auxiliary datum
// alone. This pass splits every log-pdf term that reads such parameters
// into runs of consecutive elements — runs of free parameters keep reading
// θ, runs of fixed bins read their inits as literals — so that the terms the
// fit differentiates cover the free bins only. The auxiliary data stay
// arguments: a toy or an Asimov data set still changes every term, so the
// log-likelihood is the same function of (data, aux) as before, for θ with
// the fixed parameters at their inits. (That is also why the fixed bins'
// terms cannot become one literal, and why the split costs a few ops: aux
// is read in contiguous slices.)
//
// The rate factors of such bins cannot be masked the same way: the IR has no
// op that assembles one vector from pieces. With specialization, a factor
// whose bins are all fixed is already a literal (foldConstants).
//
//===----------------------------------------------------------------------===//
#include "ir/passes.h"
#include "ir/passes/rewriter.h"

#include <optional>

namespace hf::ir {

namespace {

/// A maximal run of elements [begin, end) whose parameters are all free or
/// all fixed bins.
struct Run {
  uint32_t begin, end;
  bool fixed;
};

/// For each op gauss_logpdf(a, θ, σ) or poisson_logpdf(n, λ) with λ = θ or
/// θ·τ, where a (n) is a data or aux slice, θ a param_vec that reads some
/// fixed bins and σ (τ) a literal:
///  1. cut the elements into runs of free parameters and of fixed bins;
///  2. emit per run the term on that run: the slice narrowed, θ narrowed
///     (or its inits, for a fixed run), σ (τ) narrowed;
///  3. replace the op by the sum of the run terms, in element order.
class BinMasker {
public:
  explicit BinMasker(Module &m) : rw_(m) {}

  bool run() {
    for (ValueId id = 0; id < rw_.oldCount(); ++id) {
      Op op = rw_.remapped(id);
      std::optional<ValueId> split;
      if (op.kind == OpKind::GaussLogPdf || op.kind == OpKind::PoissonLogPdf)
        split = splitTerm(op);
      rw_.replace(id, split ? *split : rw_.emit(std::move(op)));
      changed_ = changed_ || split.has_value();
    }
    rw_.finish();
    return changed_;
  }

private:
  const Op &value(ValueId id) const { return rw_.newOp(id); }

  static bool isSlice(const Op &op) { return op.kind == OpKind::Data || op.kind == OpKind::Aux; }

  /// The pieces of a term this pass can split.
  struct Pieces {
    ValueId slice, theta;
    std::optional<ValueId> literal; ///< σ, or τ
    bool literalFirst = false;      ///< poisson: λ = τ·θ rather than θ·τ
  };

  std::optional<Pieces> match(const Op &op) const {
    if (!isSlice(value(op.operands[0])))
      return std::nullopt;
    Pieces p{op.operands[0], op.operands[1], std::nullopt, false};
    if (op.kind == OpKind::GaussLogPdf) {
      if (!isConstant(value(op.operands[2])))
        return std::nullopt;
      p.literal = op.operands[2];
    } else if (value(p.theta).kind == OpKind::Mul) {
      const Op &rate = value(p.theta);
      p.literalFirst = isConstant(value(rate.operands[0]));
      p.theta = rate.operands[p.literalFirst ? 1 : 0];
      p.literal = rate.operands[p.literalFirst ? 0 : 1];
      if (!isConstant(value(*p.literal)))
        return std::nullopt;
    }
    if (value(p.theta).kind != OpKind::ParamVec)
      return std::nullopt;
    return p;
  }

  /// A fixed parameter of a per-bin set (staterror, shapesys, shapefactor).
  /// Fixed scalar parameters (a lumi fixed by the measurement) stay in their
  /// run: splitting a term for one element would cost more than it saves.
  bool isMaskedBin(uint32_t p) const {
    const Parameter &param = rw_.module().params[p];
    return param.fixed && !rw_.module().paramsets[param.paramset].scalar;
  }

  std::vector<Run> runsOf(const Op &theta) const {
    std::vector<Run> runs;
    for (uint32_t i = 0; i < theta.width; ++i) {
      bool fixed = isMaskedBin(theta.index[i]);
      if (runs.empty() || runs.back().fixed != fixed)
        runs.push_back({i, i, fixed});
      runs.back().end = i + 1;
    }
    return runs;
  }

  /// Elements [run.begin, run.end) of a literal (a scalar stays as it is).
  ValueId narrowLiteral(ValueId literal, const Run &run) {
    const Op &op = value(literal);
    if (op.isScalar())
      return literal;
    return rw_.emit(makeConstant(run.end - run.begin,
                                 {op.data.begin() + run.begin, op.data.begin() + run.end}, op.note));
  }

  ValueId narrowSlice(ValueId slice, const Run &run) {
    Op op = value(slice);
    op.width = run.end - run.begin;
    op.index = {op.index[0] + run.begin};
    return rw_.emit(std::move(op));
  }

  ValueId narrowTheta(ValueId theta, const Run &run) {
    const Op &op = value(theta);
    std::vector<uint32_t> indices(op.index.begin() + run.begin, op.index.begin() + run.end);
    uint32_t width = run.end - run.begin;
    if (run.fixed) {
      std::vector<double> inits;
      for (uint32_t p : indices)
        inits.push_back(rw_.module().params[p].init);
      return rw_.emit(makeConstant(width, std::move(inits), op.note + " (fixed: inits)"));
    }
    Op narrowed(OpKind::ParamVec, width);
    narrowed.index = std::move(indices);
    narrowed.note = op.note + " (free)";
    return rw_.emit(std::move(narrowed));
  }

  std::optional<ValueId> splitTerm(const Op &op) {
    std::optional<Pieces> pieces = match(op);
    if (!pieces)
      return std::nullopt;
    std::vector<Run> runs = runsOf(value(pieces->theta));
    if (runs.size() == 1 && !runs.front().fixed)
      return std::nullopt;

    std::vector<ValueId> terms;
    for (const Run &run : runs) {
      Op term(op.kind, 0);
      ValueId slice = narrowSlice(pieces->slice, run), theta = narrowTheta(pieces->theta, run);
      if (op.kind == OpKind::GaussLogPdf) {
        term.operands = {slice, theta, narrowLiteral(*pieces->literal, run)};
      } else {
        ValueId rate = theta;
        if (pieces->literal) {
          ValueId tau = narrowLiteral(*pieces->literal, run);
          rate = pieces->literalFirst
                     ? rw_.emit(makeBinary(OpKind::Mul, tau, value(tau), theta, value(theta)))
                     : rw_.emit(makeBinary(OpKind::Mul, theta, value(theta), tau, value(tau)));
        }
        term.operands = {slice, rate};
      }
      term.note = op.note + (run.fixed ? " (fixed bins)" : " (free bins)");
      terms.push_back(rw_.emit(std::move(term)));
    }
    ValueId acc = terms.front();
    for (size_t i = 1; i < terms.size(); ++i)
      acc = rw_.emit(makeBinary(OpKind::Add, acc, value(acc), terms[i], value(terms[i]),
                                i + 1 == terms.size() ? op.note : ""));
    return acc;
  }

  Rewriter rw_;
  bool changed_ = false;
};

} // namespace

bool maskBins(Module &m) { return BinMasker(m).run(); }

} // namespace hf::ir
