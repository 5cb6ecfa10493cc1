//===- ir/passes.h - The IR optimization passes ---------------------------===//
//
// Each pass rewrites a Module in place and returns whether it changed
// anything. Every pass keeps the module valid (ir::verify returns "") and
// keeps what ir::evaluate computes: bit for bit where the rewrite is exact,
// to rounding (≤1e-13 relative on the reference models) where it
// reassociates a sum or a product. Passes that replace ops leave the old ones
// unreferenced; eliminateDeadValues removes them. ir/pipeline.h runs them in
// order.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/module.h"

namespace hf::ir {

/// fold-constants: every op whose operands are all literals becomes a
/// literal, computed by the reference interpreter; then the identities that
/// hold for every finite operand: x+0, x−0, x·1, x/1 → x; x·0 → 0; a histosys
/// delta whose lo, nominal and hi templates are equal → 0 (such a row leaves
/// a histosys_sum, and a normsys row with lo = hi = 1 a normsys_prod). With
/// `specializeFixed`, a param (param_vec) whose parameter(s) are all fixed is
/// first replaced by the init value(s), and the rows of fixed α in a
/// histosys_sum (normsys_prod) fold into a literal added (multiplied) to the
/// rest: the module then assumes fixed parameters sit at their inits. Exact
/// up to the sign of a zero, except the fixed rows (reassociated).
bool foldConstants(Module &m, bool specializeFixed = false);

/// cse: ops with the same kind, width, operands (in either order for add and
/// mul), literals and indices are merged into the first one. Exact.
bool eliminateCommonSubexpressions(Module &m);

/// dce: drops the ops no output depends on and renumbers the values densely,
/// in their old order. Exact.
bool eliminateDeadValues(Module &m);

/// merge-samples: in every sum of terms (a tree of single-use adds, such as
/// a channel's Σ of sample rates), the terms that are products with the same
/// factor F become one product F·(Σ bases) — the samples with identical
/// modifiers merge into one — and, inside each sum, the literals are added
/// together and the histosys deltas of one parameter and code are merged
/// into one delta of the summed templates (the codes are linear in them).
/// Reassociates sums.
bool mergeSamples(Module &m);

/// hoist-scalars: in every product (a tree of single-use muls) or sum, the
/// scalar factors (terms) are combined first and the literals together, so
/// that the vectors are multiplied (added) as few times as possible; done
/// only where that saves vector operations. Reassociates.
bool hoistScalars(Module &m);

/// mask-bins: each log-pdf term (gauss_logpdf, or poisson_logpdf of a
/// θ-times-literal rate) that reads fixed bins of a per-bin set (staterror,
/// shapesys with zero uncertainty) is split into one term per run of free
/// parameters and of fixed bins; in the fixed runs θ becomes its init, so
/// those terms depend on the (auxiliary) data alone. Assumes, like
/// foldConstants(m, true), that fixed parameters sit at their inits.
/// Reassociates the term's sum.
bool maskBins(Module &m);

} // namespace hf::ir
