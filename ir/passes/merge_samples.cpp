//===- ir/passes/merge_samples.cpp - One rate for samples that move alike -===//
//
// A channel's expected rate is a sum of sample rates, λ = Σ_s F_s·b_s, where
// F_s is the product of the sample's factors (lumi, normfactors, normsys κ,
// per-bin γ) and b_s its nominal plus histosys deltas. After CSE, samples
// with identical modifiers share one factor value F, and their terms can be
// merged: F·b_1 + F·b_2 = F·(b_1 + b_2). Inside the merged base the
// nominals are literals that fold into one vector, and the histosys deltas of
// the same parameters merge too, because every additive code is linear in
// its templates: Δ(α; lo₁, nom₁, hi₁) + Δ(α; lo₂, nom₂, hi₂) =
// Δ(α; lo₁+lo₂, nom₁+nom₂, hi₁+hi₂) — for one interp_code op as for a
// histosys_sum over the same α vector. Several samples become one.
//
// The rewrite works on any sum — a tree of adds whose inner adds have no
// other use — so it applies as well to the gradient's accumulations. It
// reassociates the sum (to rounding).
//
//===----------------------------------------------------------------------===//
#include "ir/passes.h"
#include "ir/passes/rewriter.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

namespace hf::ir {

namespace {

struct Part;

/// A sum, planned: its terms gathered into parts, in the order in which each
/// part's first term appears in the original sum.
struct Sum {
  std::vector<Part> parts;
};

struct Part {
  enum class Kind {
    Term,     ///< one term, kept as it is
    Literals, ///< literal terms, added together (they fold)
    Product,  ///< products F·b_i with one factor F: F·(Σ b_i)
    Delta,    ///< additive-code deltas of one α and code: one delta
    Deltas,   ///< histosys_sums of one α vector and code: one histosys_sum
  };
  Kind kind;
  std::vector<ValueId> members; ///< the terms (old values)
  Sum bases;                    ///< Product: the sum of the members' bases
};

/// 1. Find the roots: the adds that are not the single-use operand of
///    another add. Flatten each into its terms.
/// 2. Group the terms (Sum, Part): products with one factor, literals,
///    deltas of one (code, α). The bases of a product group are flattened
///    and grouped in turn.
/// 3. Rebuild: the ops a merging plan absorbs are dropped, and the root
///    becomes the planned sum.
class SampleMerger {
public:
  explicit SampleMerger(Module &m)
      : m_(m), uses_(useCounts(m)), users_(soleUsers(m)), absorbed_(m.ops.size(), false) {}

  bool run() {
    std::map<ValueId, Sum> plans;
    for (ValueId id = 0; id < m_.ops.size(); ++id) {
      if (!isRoot(id))
        continue;
      std::vector<ValueId> absorbed, terms;
      flatten(id, terms, absorbed);
      Sum sum = plan(terms, absorbed);
      if (!merges(sum))
        continue;
      for (ValueId a : absorbed)
        absorbed_[a] = true;
      plans.emplace(id, std::move(sum));
    }
    if (plans.empty())
      return false;

    Rewriter rw(m_);
    rw_ = &rw;
    for (ValueId id = 0; id < rw.oldCount(); ++id) {
      if (absorbed_[id])
        continue;
      auto it = plans.find(id);
      if (it != plans.end())
        rw.replace(id, emit(it->second, m_.ops[id].note));
      else
        rw.keep(id);
    }
    rw.finish();
    return true;
  }

private:
  bool isSingleUse(ValueId id) const { return uses_[id] == 1 && users_[id] != kNoUser; }

  bool isRoot(ValueId id) const {
    return m_.ops[id].kind == OpKind::Add &&
           !(isSingleUse(id) && m_.ops[users_[id]].kind == OpKind::Add);
  }

  /// The terms of the sum rooted at `id`: its operands, with single-use adds
  /// expanded (and recorded as absorbed).
  void flatten(ValueId id, std::vector<ValueId> &terms, std::vector<ValueId> &absorbed) const {
    for (ValueId a : m_.ops[id].operands) {
      if (m_.ops[a].kind == OpKind::Add && isSingleUse(a)) {
        absorbed.push_back(a);
        flatten(a, terms, absorbed);
      } else {
        terms.push_back(a);
      }
    }
  }

  /// What terms of one part share: the part's kind, the factor (α), and
  /// for deltas their code and width.
  using Key = std::tuple<Part::Kind, ValueId, uint64_t>;

  /// The grouping key of a term, or nothing for a term that stays alone.
  std::optional<Key> keyOf(ValueId t) const {
    const Op &op = m_.ops[t];
    if (isConstant(op))
      return Key{Part::Kind::Literals, 0, 0};
    if (!isSingleUse(t))
      return std::nullopt;
    if (op.kind == OpKind::Mul)
      return Key{Part::Kind::Product, op.operands[0], 0};
    if (isAdditiveInterp(op.kind))
      return Key{Part::Kind::Delta, op.operands[0], static_cast<uint64_t>(op.kind)};
    if (op.kind == OpKind::HistoSum)
      return Key{Part::Kind::Deltas, canWiden(op) ? kAnyAlpha : op.operands[0],
                 uint64_t(op.index[0]) << 32 | op.width};
    return std::nullopt;
  }

  /// Stands for "any α" in the key of histosys_sums that canWiden().
  static constexpr ValueId kAnyAlpha = kNoUser;

  /// A histosys_sum can take rows for more parameters when its α is a
  /// param_vec (of distinct parameters) and its nominal a literal: the new
  /// rows have lo = hi = nom, and add exactly nothing.
  bool canWiden(const Op &op) const {
    const Op &alpha = m_.ops[op.operands[0]], &nom = m_.ops[op.operands[1]];
    if (alpha.kind != OpKind::ParamVec || nom.kind != OpKind::ConstVec || nom.width != op.width)
      return false;
    std::vector<uint32_t> indices = alpha.index;
    std::sort(indices.begin(), indices.end());
    return std::adjacent_find(indices.begin(), indices.end()) == indices.end();
  }

  Sum plan(const std::vector<ValueId> &terms, std::vector<ValueId> &absorbed) const {
    Sum sum;
    std::map<Key, size_t> partOf;
    for (ValueId t : terms) {
      std::optional<Key> key = keyOf(t);
      if (key) {
        auto [it, fresh] = partOf.emplace(*key, sum.parts.size());
        if (!fresh) {
          sum.parts[it->second].members.push_back(t);
          continue;
        }
      }
      sum.parts.push_back({key ? std::get<0>(*key) : Part::Kind::Term, {t}, {}});
    }
    for (Part &part : sum.parts) {
      if (part.members.size() == 1) {
        part.kind = Part::Kind::Term;
        continue;
      }
      if (part.kind == Part::Kind::Literals)
        continue;
      absorbed.insert(absorbed.end(), part.members.begin(), part.members.end());
      if (part.kind == Part::Kind::Product) {
        std::vector<ValueId> baseTerms;
        for (ValueId t : part.members) {
          ValueId base = m_.ops[t].operands[1];
          if (m_.ops[base].kind == OpKind::Add && isSingleUse(base)) {
            absorbed.push_back(base);
            flatten(base, baseTerms, absorbed);
          } else {
            baseTerms.push_back(base);
          }
        }
        part.bases = plan(baseTerms, absorbed);
      }
    }
    return sum;
  }

  static bool merges(const Sum &sum) {
    return std::any_of(sum.parts.begin(), sum.parts.end(),
                       [](const Part &p) { return p.members.size() > 1; });
  }

  /// The distinct notes of `values` (old ops), for the op that merges them.
  std::string notesOf(const std::vector<ValueId> &values) const {
    std::vector<std::string> notes;
    for (ValueId t : values)
      if (!m_.ops[t].note.empty() &&
          std::find(notes.begin(), notes.end(), m_.ops[t].note) == notes.end())
        notes.push_back(m_.ops[t].note);
    if (notes.size() > 3)
      return fmt::format("{} + {} + {} more", notes[0], notes[1], notes.size() - 2);
    return fmt::format("{}", fmt::join(notes, " + "));
  }

  ValueId add(ValueId a, ValueId b, std::string note = {}) {
    return rw_->emit(makeBinary(OpKind::Add, a, rw_->newOp(a), b, rw_->newOp(b), std::move(note)));
  }

  /// Left-to-right sum of new values.
  ValueId addAll(const std::vector<ValueId> &values, const std::string &note = {}) {
    ValueId acc = values.front();
    for (size_t i = 1; i < values.size(); ++i)
      acc = add(acc, values[i], i + 1 == values.size() ? note : "");
    return acc;
  }

  /// Σ of operand k of the members, as new values.
  ValueId sumOfOperand(const std::vector<ValueId> &members, size_t k) {
    std::vector<ValueId> operands, values;
    for (ValueId t : members)
      operands.push_back(m_.ops[t].operands[k]);
    for (ValueId a : operands)
      values.push_back(rw_->mapped(a));
    return addAll(values, notesOf(operands));
  }

  /// One histosys_sum for several: the tables summed row by row, bin by
  /// bin. When their α differ, the rows are those of every parameter any of
  /// them reads (in order of appearance), a member without a row for one
  /// contributing lo = hi = its nominal there.
  ValueId emitDeltas(const std::vector<ValueId> &members) {
    const Op &first = m_.ops[members.front()];
    size_t bins = first.width;
    std::vector<uint32_t> params; // the union's α, when the members' differ
    bool sameAlpha = true;
    for (ValueId t : members)
      sameAlpha = sameAlpha && m_.ops[t].operands[0] == first.operands[0];
    if (!sameAlpha)
      for (ValueId t : members)
        for (uint32_t p : m_.ops[m_.ops[t].operands[0]].index)
          if (std::find(params.begin(), params.end(), p) == params.end())
            params.push_back(p);
    size_t rows = sameAlpha ? first.data.size() / (2 * bins) : params.size();

    Op deltas = first;
    deltas.data.assign(2 * rows * bins, 0.0);
    for (ValueId t : members) {
      const Op &member = m_.ops[t];
      size_t memberRows = member.data.size() / (2 * bins);
      for (size_t r = 0; r < rows; ++r) {
        // The member's row for union row r, or none.
        size_t row = r;
        if (!sameAlpha) {
          const std::vector<uint32_t> &own = m_.ops[member.operands[0]].index;
          row = static_cast<size_t>(std::find(own.begin(), own.end(), params[r]) - own.begin());
        }
        for (size_t b = 0; b < bins; ++b) {
          double nom = row < memberRows ? 0.0 : m_.ops[member.operands[1]].data[b];
          deltas.data[r * bins + b] += row < memberRows ? member.data[row * bins + b] : nom;
          deltas.data[(rows + r) * bins + b] +=
              row < memberRows ? member.data[(memberRows + row) * bins + b] : nom;
        }
      }
    }
    ValueId alpha = rw_->mapped(first.operands[0]);
    if (!sameAlpha) {
      Op gather(OpKind::ParamVec, static_cast<uint32_t>(params.size()));
      gather.index = params;
      gather.note = notesOf({m_.ops[members.front()].operands[0]}) + " (merged)";
      alpha = rw_->emit(std::move(gather));
    }
    deltas.operands = {alpha, sumOfOperand(members, 1)};
    deltas.note = notesOf(members);
    return rw_->emit(std::move(deltas));
  }

  ValueId emit(const Sum &sum, const std::string &note) {
    std::vector<ValueId> values;
    for (const Part &part : sum.parts) {
      const Op &first = m_.ops[part.members.front()];
      switch (part.kind) {
      case Part::Kind::Term:
        values.push_back(rw_->mapped(part.members.front()));
        break;
      case Part::Kind::Literals: {
        std::vector<ValueId> literals;
        for (ValueId t : part.members)
          literals.push_back(rw_->mapped(t));
        values.push_back(addAll(literals, notesOf(part.members)));
        break;
      }
      case Part::Kind::Product: {
        ValueId factor = rw_->mapped(first.operands[0]);
        ValueId base = emit(part.bases, "");
        values.push_back(rw_->emit(makeBinary(OpKind::Mul, factor, rw_->newOp(factor), base,
                                              rw_->newOp(base), notesOf(part.members))));
        break;
      }
      case Part::Kind::Delta: {
        Op delta(first.kind, 0);
        delta.operands = {rw_->mapped(first.operands[0]), sumOfOperand(part.members, 1),
                          sumOfOperand(part.members, 2), sumOfOperand(part.members, 3)};
        for (ValueId t : part.members)
          delta.width = std::max(delta.width, m_.ops[t].width);
        delta.note = notesOf(part.members);
        values.push_back(rw_->emit(std::move(delta)));
        break;
      }
      case Part::Kind::Deltas:
        values.push_back(emitDeltas(part.members));
        break;
      }
    }
    return addAll(values, note);
  }

  Module &m_;
  std::vector<uint32_t> uses_;
  std::vector<ValueId> users_;
  std::vector<bool> absorbed_;
  Rewriter *rw_ = nullptr;
};

} // namespace

bool mergeSamples(Module &m) { return SampleMerger(m).run(); }

} // namespace hf::ir
