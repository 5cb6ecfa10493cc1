//===- codegen/emit.cpp - IR -> LLVM IR -----------------------------------===//
//
// One FunctionEmitter per compiled function:
//  1. Liveness: only the ops the function's outputs need are emitted.
//  2. Staging: a scalar is computed once, in straight-line code; all vector
//     ops of one width are fused into one loop over bins, whose body computes
//     element i of each of them as plain SSA values (no buffers), and whose
//     reductions (sums, Poisson and Gaussian terms) are loop-carried. A value
//     that needs a reduction's result waits for the next stage.
//  3. Outputs: the logpdf is returned; expected data are stored and gradient
//     entries added into the zeroed `grad` array from inside the loops.
// A few fused loops instead of one loop per op keep LLVM's work (and so the
// compile time) proportional to the model, not to its op count squared.
// The formulas mirror ir/interp.h, which defines them; tests compare the two.
//
//===----------------------------------------------------------------------===//
#include "codegen/codegen.h"

#include "ir/interp.h"

#include <fmt/format.h>

#include <llvm/IR/Constants.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <functional>
#include <map>
#include <set>
#include <stdexcept>

namespace hf::codegen {

namespace {

using ir::OpKind;
using ir::OutputKind;
using ir::ValueId;

/// An emitted IR value: an SSA scalar, or a pointer to `width` doubles.
struct Emitted {
  llvm::Value *scalar = nullptr;
  llvm::Value *pointer = nullptr;
};

class FunctionEmitter {
public:
  /// With `pool`, the function's last argument is the constant pool (see
  /// modelData) and `pool` receives its contents.
  FunctionEmitter(const ir::Module &m, llvm::Module &module, llvm::Function *fn,
                  std::vector<OutputKind> outputs, std::vector<double> *pool)
      : m_(m), module_(module), fn_(fn), ctx_(module.getContext()), b_(ctx_),
        f64_(llvm::Type::getDoubleTy(ctx_)), i64_(llvm::Type::getInt64Ty(ctx_)),
        outputs_(std::move(outputs)), values_(m.ops.size()), pool_(pool),
        poolArg_(pool ? fn->getArg(fn->arg_size() - 1) : nullptr) {}

  void emit() {
    auto *entry = llvm::BasicBlock::Create(ctx_, "entry", fn_);
    b_.SetInsertPoint(entry);
    emitStaged(liveness());
    emitOutputs();
    finishPool();
  }

private:
  bool wanted(OutputKind k) const {
    return std::find(outputs_.begin(), outputs_.end(), k) != outputs_.end();
  }

  std::vector<bool> liveness() const {
    std::vector<bool> live(m_.ops.size(), false);
    for (const ir::Output &out : m_.outputs)
      if (wanted(out.kind))
        live[out.value] = true;
    for (ValueId id = static_cast<ValueId>(m_.ops.size()); id-- > 0;)
      if (live[id])
        for (ValueId a : m_.ops[id].operands)
          live[a] = true;
    return live;
  }

  llvm::Value *arg(unsigned i) { return fn_->getArg(i); }
  llvm::Value *f64(double v) { return llvm::ConstantFP::get(f64_, v); }
  llvm::Value *idx(uint64_t v) { return llvm::ConstantInt::get(i64_, v); }

  llvm::Value *elementPtr(llvm::Value *base, llvm::Value *i) { return b_.CreateInBoundsGEP(f64_, base, i); }

  llvm::Value *call(llvm::Intrinsic::ID id, std::initializer_list<llvm::Value *> args) {
    llvm::Function *f = llvm::Intrinsic::getDeclaration(&module_, id, {f64_});
    return b_.CreateCall(f, args);
  }
  llvm::Value *log(llvm::Value *x) { return call(llvm::Intrinsic::log, {x}); }
  llvm::Value *exp(llvm::Value *x) { return call(llvm::Intrinsic::exp, {x}); }
  llvm::Value *pow(llvm::Value *x, llvm::Value *y) { return call(llvm::Intrinsic::pow, {x, y}); }

  /// lnΓ(x) through the reentrant lgamma_r (plain lgamma writes a global).
  llvm::Value *lgamma(llvm::Value *x) {
    auto *ptrTy = llvm::PointerType::getUnqual(ctx_);
    llvm::FunctionCallee f = module_.getOrInsertFunction(
        "lgamma_r", llvm::FunctionType::get(f64_, {f64_, ptrTy}, false));
    if (!signSlot_) {
      llvm::IRBuilder<> entry(&fn_->getEntryBlock(), fn_->getEntryBlock().begin());
      signSlot_ = entry.CreateAlloca(llvm::Type::getInt32Ty(ctx_), nullptr, "lgamma_sign");
    }
    return b_.CreateCall(f, {x, signSlot_});
  }

  /// A stack buffer of `width` doubles, allocated in the entry block (with
  /// a pool, its size is read from there: see immediate()).
  llvm::Value *buffer(uint32_t width, const char *name) {
    llvm::IRBuilder<> entry(&fn_->getEntryBlock(), fn_->getEntryBlock().begin());
    if (!pool_)
      return entry.CreateAlloca(llvm::ArrayType::get(f64_, width), nullptr, name);
    return entry.CreateAlloca(f64_, immediate(entry, width), name);
  }

  llvm::Value *constantArray(const std::vector<double> &data, const std::string &name) {
    auto *type = llvm::ArrayType::get(f64_, data.size());
    std::vector<llvm::Constant *> elements;
    for (double d : data)
      elements.push_back(llvm::ConstantFP::get(f64_, d));
    auto *global = new llvm::GlobalVariable(module_, type, true, llvm::GlobalValue::PrivateLinkage,
                                            llvm::ConstantArray::get(type, elements), name);
    global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    return global;
  }

  /// The model's numbers — histogram contents, modifier data, folded
  /// constants — as an array. Without a pool they are constant globals of the
  /// module (libraries; LLVM folds them). With one (the JIT) they are read
  /// from the pool argument at a fixed offset, so two models that differ only
  /// in these numbers emit the same LLVM IR and can share machine code.
  ///
  /// The pool starts with a header of slots, one per table and per
  /// immediate(), in emission order; a table's slot holds its offset in the
  /// pool. The emitted IR names slots only, so it does not depend on the
  /// tables' sizes either (finishPool() lays the pool out).
  llvm::Value *modelData(const std::vector<double> &data, const std::string &name) {
    if (!pool_)
      return constantArray(data, name);
    llvm::IRBuilder<> entry(&fn_->getEntryBlock(), fn_->getEntryBlock().begin());
    size_t slot = header_.size();
    header_.push_back(static_cast<double>(pool_->size()));
    tableSlots_.push_back(slot);
    pool_->insert(pool_->end(), data.begin(), data.end());
    llvm::Value *offset = entry.CreateFPToUI(entry.CreateLoad(f64_, entry.CreateInBoundsGEP(f64_, poolArg_, idx(slot))), i64_);
    return entry.CreateInBoundsGEP(f64_, poolArg_, offset, name);
  }

  /// An integer of the model — a parameter index, a modifier count, a
  /// width, an offset into the data. Without a pool, a literal; with one, a
  /// header slot read at the top of the function (loop-invariant), so that
  /// the points of a PatchSet, which differ in such counts and indices,
  /// share one machine code. Emitted through `at` (a builder at the top of
  /// the entry block), or there when null.
  llvm::Value *immediate(llvm::IRBuilder<> &at, uint64_t v) {
    if (!pool_)
      return idx(v);
    size_t slot = header_.size();
    header_.push_back(static_cast<double>(v));
    return at.CreateFPToUI(at.CreateLoad(f64_, at.CreateInBoundsGEP(f64_, poolArg_, idx(slot))), i64_);
  }
  llvm::Value *immediate(uint64_t v) {
    if (!pool_)
      return idx(v);
    llvm::IRBuilder<> entry(&fn_->getEntryBlock(), fn_->getEntryBlock().begin());
    return immediate(entry, v);
  }

  /// The pool as the function reads it: the header, then the tables, each
  /// table's slot shifted past the header.
  void finishPool() {
    if (!pool_)
      return;
    double shift = static_cast<double>(header_.size());
    for (size_t slot : tableSlots_)
      header_[slot] += shift;
    pool_->insert(pool_->begin(), header_.begin(), header_.end());
  }

  /// if (cond) then() else otherwise(), as a value.
  llvm::Value *branch(llvm::Value *cond, const std::function<llvm::Value *()> &then,
                      const std::function<llvm::Value *()> &otherwise) {
    auto *thenBlock = llvm::BasicBlock::Create(ctx_, "then", fn_);
    auto *elseBlock = llvm::BasicBlock::Create(ctx_, "else", fn_);
    auto *join = llvm::BasicBlock::Create(ctx_, "join", fn_);
    b_.CreateCondBr(cond, thenBlock, elseBlock);
    b_.SetInsertPoint(thenBlock);
    llvm::Value *a = then();
    llvm::BasicBlock *thenEnd = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(elseBlock);
    llvm::Value *c = otherwise();
    llvm::BasicBlock *elseEnd = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    llvm::PHINode *phi = b_.CreatePHI(f64_, 2);
    phi->addIncoming(a, thenEnd);
    phi->addIncoming(c, elseEnd);
    return phi;
  }

  /// Additive codes on one bin; `kind` is the value op or its Grad op.
  llvm::Value *additive(OpKind kind, llvm::Value *alpha, llvm::Value *lo, llvm::Value *nom,
                        llvm::Value *hi) {
    llvm::Value *up = b_.CreateFSub(hi, nom), *down = b_.CreateFSub(nom, lo);
    switch (kind) {
    case OpKind::Code0:
      return b_.CreateSelect(b_.CreateFCmpOGT(alpha, f64(0)), b_.CreateFMul(alpha, up),
                             b_.CreateFMul(alpha, down));
    case OpKind::Code0Grad:
      return b_.CreateSelect(b_.CreateFCmpOGT(alpha, f64(0)), up, down);
    case OpKind::Code2:
    case OpKind::Code2Grad: {
      llvm::Value *a = b_.CreateFSub(b_.CreateFMul(f64(0.5), b_.CreateFAdd(hi, lo)), nom);
      llvm::Value *bb = b_.CreateFMul(f64(0.5), b_.CreateFSub(hi, lo));
      llvm::Value *slopeUp = b_.CreateFAdd(bb, b_.CreateFMul(f64(2), a));
      llvm::Value *slopeDown = b_.CreateFSub(bb, b_.CreateFMul(f64(2), a));
      llvm::Value *isUp = b_.CreateFCmpOGT(alpha, f64(1));
      llvm::Value *isDown = b_.CreateFCmpOLT(alpha, f64(-1));
      if (kind == OpKind::Code2Grad) {
        llvm::Value *inside = b_.CreateFAdd(b_.CreateFMul(b_.CreateFMul(f64(2), a), alpha), bb);
        return b_.CreateSelect(isUp, slopeUp, b_.CreateSelect(isDown, slopeDown, inside));
      }
      llvm::Value *inside =
          b_.CreateFAdd(b_.CreateFMul(b_.CreateFMul(a, alpha), alpha), b_.CreateFMul(bb, alpha));
      llvm::Value *outUp = b_.CreateFMul(slopeUp, b_.CreateFSub(alpha, f64(1)));
      // pyhf's α < −1 branch is a line through the origin (interpolation.md §6).
      llvm::Value *outDown = b_.CreateFMul(slopeDown, alpha);
      return b_.CreateSelect(isUp, outUp, b_.CreateSelect(isDown, outDown, inside));
    }
    case OpKind::Code4p:
    case OpKind::Code4pGrad: {
      llvm::Value *s = b_.CreateFMul(f64(0.5), b_.CreateFAdd(up, down));
      llvm::Value *a = b_.CreateFMul(f64(0.0625), b_.CreateFSub(up, down));
      llvm::Value *a2 = b_.CreateFMul(alpha, alpha);
      llvm::Value *isUp = b_.CreateFCmpOGT(alpha, f64(1));
      llvm::Value *isDown = b_.CreateFCmpOLT(alpha, f64(-1));
      if (kind == OpKind::Code4pGrad) {
        // s + a·α(α²(18α² − 40) + 30)
        llvm::Value *t = b_.CreateFMul(
            alpha, b_.CreateFAdd(b_.CreateFMul(a2, b_.CreateFSub(b_.CreateFMul(f64(18), a2), f64(40))),
                                 f64(30)));
        llvm::Value *inside = b_.CreateFAdd(s, b_.CreateFMul(a, t));
        return b_.CreateSelect(isUp, up, b_.CreateSelect(isDown, down, inside));
      }
      // α·s + a·α²(α²(3α² − 10) + 15)
      llvm::Value *t = b_.CreateFMul(
          a2, b_.CreateFAdd(b_.CreateFMul(a2, b_.CreateFSub(b_.CreateFMul(f64(3), a2), f64(10))), f64(15)));
      llvm::Value *inside = b_.CreateFAdd(b_.CreateFMul(alpha, s), b_.CreateFMul(a, t));
      return b_.CreateSelect(isUp, b_.CreateFMul(alpha, up),
                             b_.CreateSelect(isDown, b_.CreateFMul(alpha, down), inside));
    }
    default:
      throw std::logic_error("not an additive interpolation op");
    }
  }

  /// xlogy(n, λ) − λ − lnΓ(n + 1)
  llvm::Value *poissonTerm(llvm::Value *n, llvm::Value *lambda) {
    llvm::Value *xlogy = b_.CreateSelect(b_.CreateFCmpOEQ(n, f64(0)), f64(0), b_.CreateFMul(n, log(lambda)));
    return b_.CreateFSub(b_.CreateFSub(xlogy, lambda), lgamma(b_.CreateFAdd(n, f64(1))));
  }

  /// −ln(σ√(2π)) − ((a − θ)/(√2σ))²
  llvm::Value *gaussTerm(llvm::Value *a, llvm::Value *theta, llvm::Value *sigma) {
    llvm::Value *z = b_.CreateFDiv(b_.CreateFSub(a, theta), b_.CreateFMul(f64(1.4142135623730951), sigma));
    llvm::Value *norm = log(b_.CreateFMul(sigma, f64(2.5066282746310002)));
    return b_.CreateFSub(b_.CreateFNeg(norm), b_.CreateFMul(z, z));
  }

  bool contiguous(const std::vector<uint32_t> &index) const {
    for (size_t i = 1; i < index.size(); ++i)
      if (index[i] != index[0] + i)
        return false;
    return true;
  }

  static bool isReduction(OpKind k) {
    return k == OpKind::Sum || k == OpKind::PoissonLogPdf || k == OpKind::GaussLogPdf;
  }
  /// Vector ops that need whole vectors, not one bin at a time: computed
  /// outside the fused loops, into a buffer, once their operands are ready.
  static bool isOpaque(OpKind k) { return k == OpKind::HistoSumGrad || k == OpKind::NormProdGrad; }
  static bool isLeaf(OpKind k) {
    return k == OpKind::Const || k == OpKind::ConstVec || k == OpKind::Param || k == OpKind::ParamVec ||
           k == OpKind::Data || k == OpKind::Aux;
  }

  /// The loop an op runs in: vector ops by their width, reductions by the
  /// width they reduce; scalars run outside loops (width 0).
  uint32_t loopWidth(const ir::Op &op) const {
    return isReduction(op.kind) ? m_.ops[op.operands[0]].size() : op.width;
  }

  /// stage[v]: the first stage at which v's value (for a vector: its
  /// elements) can be computed. A reduction's result is ready one stage
  /// after the loop that computes it.
  void computeStages(const std::vector<bool> &live) {
    stage_.assign(m_.ops.size(), 0);
    for (ValueId id = 0; id < m_.ops.size(); ++id) {
      if (!live[id])
        continue;
      const ir::Op &op = m_.ops[id];
      int s = 0;
      for (ValueId a : op.operands)
        s = std::max(s, stage_[a]);
      stage_[id] = isReduction(op.kind) || isOpaque(op.kind) ? s + 1 : s;
      maxStage_ = std::max(maxStage_, stage_[id]);
    }
  }

  /// The stage whose loop computes op `id` (reductions run a stage early;
  /// opaque ops run before the loops of their stage).
  int runStage(ValueId id) const {
    return isReduction(m_.ops[id].kind) ? stage_[id] - 1 : stage_[id];
  }

  /// Runs outside the fused loops: leaves, scalars, opaque vector ops.
  bool outsideLoops(const ir::Op &op) const {
    return isLeaf(op.kind) || isOpaque(op.kind) || (op.isScalar() && !isReduction(op.kind));
  }

  /// Element i of an emitted value, loaded afresh: a scalar is itself, a
  /// gather reads θ[table[i]], anything else lives in memory.
  llvm::Value *loadElement(ValueId v, llvm::Value *i) {
    const Emitted &e = values_[v];
    if (e.scalar)
      return e.scalar;
    auto gather = gatherTables_.find(v);
    if (gather != gatherTables_.end()) {
      llvm::Value *k = b_.CreateFPToUI(b_.CreateLoad(f64_, elementPtr(gather->second, i)), i64_);
      return b_.CreateLoad(f64_, elementPtr(arg(0), k));
    }
    return b_.CreateLoad(f64_, elementPtr(e.pointer, i));
  }

  /// Element i of value v inside the current loop body: computed by this
  /// loop, or loaded once per iteration.
  llvm::Value *element(ValueId v, llvm::Value *i) {
    if (values_[v].scalar)
      return values_[v].scalar;
    auto it = elements_.find(v);
    if (it != elements_.end())
      return it->second;
    return elements_[v] = loadElement(v, i);
  }

  /// for (k = 0; k < n; ++k) body(k) with a loop-carried double; returns the
  /// final value. Used inside op emission (over modifiers or bins). A
  /// `count` value replaces n (kernels' trip counts are arguments); the body
  /// runs at least once.
  llvm::Value *innerLoop(uint32_t n, llvm::Value *init,
                         const std::function<llvm::Value *(llvm::Value *k, llvm::Value *acc)> &body,
                         llvm::Value *count = nullptr) {
    llvm::BasicBlock *pre = b_.GetInsertBlock();
    auto *header = llvm::BasicBlock::Create(ctx_, "inner", fn_);
    auto *exit = llvm::BasicBlock::Create(ctx_, "inner.end", fn_);
    b_.CreateBr(header);
    b_.SetInsertPoint(header);
    llvm::PHINode *k = b_.CreatePHI(i64_, 2, "k");
    k->addIncoming(idx(0), pre);
    llvm::PHINode *acc = b_.CreatePHI(f64_, 2, "inner.acc");
    acc->addIncoming(init, pre);
    llvm::Value *next = body(k, acc);
    llvm::Value *inc = b_.CreateAdd(k, idx(1));
    llvm::BasicBlock *latch = b_.GetInsertBlock();
    k->addIncoming(inc, latch);
    acc->addIncoming(next, latch);
    llvm::BranchInst *back = b_.CreateCondBr(b_.CreateICmpULT(inc, count ? count : idx(n)), header, exit);
    // Loops over modifiers stay loops: unrolling them multiplies the code
    // (and LLVM's time) by the number of modifiers for no measurable gain.
    back->setMetadata(llvm::LLVMContext::MD_loop, noUnroll());
    b_.SetInsertPoint(exit);
    return next;
  }

  /// Loop metadata: do not unroll.
  llvm::MDNode *noUnroll() {
    llvm::Metadata *disable = llvm::MDNode::get(ctx_, llvm::MDString::get(ctx_, "llvm.loop.unroll.disable"));
    llvm::MDNode *self = llvm::MDNode::getDistinct(ctx_, {nullptr, disable});
    self->replaceOperandWith(0, self);
    return self;
  }

  /// Element [row·cols + col] of a constant table.
  llvm::Value *tableAt(llvm::Value *table, llvm::Value *row, uint32_t cols, llvm::Value *col) {
    return b_.CreateLoad(f64_, elementPtr(table, b_.CreateAdd(b_.CreateMul(row, idx(cols)), col)));
  }

  /// Σ_m Δ_m(b) for a histosys_sum, through the kernel hf.histosum.<code>
  /// (base, index, lo, hi; bins, mods, bin; nominal_b).
  llvm::Value *histoSumAt(const ir::Op &op, llvm::Value *bin, ValueId self) {
    uint32_t mods = m_.ops[op.operands[0]].width, bins = m_.ops[op.operands[1]].width;
    int code = static_cast<int>(op.index[0]);
    OpKind kind = code == 0 ? OpKind::Code0 : code == 2 ? OpKind::Code2 : OpKind::Code4p;
    llvm::Function *f = kernel(fmt::format("hf.histosum.{}", code), f64_, 4, 3, 1, [&](llvm::Function *k) {
      llvm::Value *kb = k->getArg(4), *kn = k->getArg(5), *kbin = k->getArg(6), *nom = k->getArg(7);
      llvm::Value *sum = innerLoop(0, f64(0), [&](llvm::Value *m, llvm::Value *acc) {
        llvm::Value *alpha = kernelAlpha(k->getArg(0), k->getArg(1), m);
        llvm::Value *at = b_.CreateAdd(b_.CreateMul(m, kb), kbin);
        llvm::Value *lo = b_.CreateLoad(f64_, elementPtr(k->getArg(2), at));
        llvm::Value *hi = b_.CreateLoad(f64_, elementPtr(k->getArg(3), at));
        return b_.CreateFAdd(acc, additive(kind, alpha, lo, nom, hi));
      }, kn);
      b_.CreateRet(sum);
    });
    return b_.CreateCall(f, {histoArgs_.at(self).first, histoArgs_.at(self).second, tables_.at(self).first,
                             tables_.at(self).second, immediate(bins), immediate(mods), bin, element(op.operands[1], bin)});
  }

  /// Compile-time tables of a normsys_prod: lo, hi, their logs, code4's
  /// polynomial coefficients.
  struct NormTables {
    llvm::Value *lo, *hi, *lnLo, *lnHi, *coefficients;
    bool positive;
  };

  /// κ_m (or κ'_m) of a normsys_prod for modifier k, with the tables `t`.
  llvm::Value *normFactorAt(int code, const NormTables &t, llvm::Value *alpha, llvm::Value *k, bool grad) {
    llvm::Value *lnLo = b_.CreateLoad(f64_, elementPtr(t.lnLo, k));
    llvm::Value *lnHi = b_.CreateLoad(f64_, elementPtr(t.lnHi, k));
    auto outer = [&](llvm::Value *base, llvm::Value *lnBase, llvm::Value *e, bool up) -> llvm::Value * {
      // base^e: exp(e·ln base) for positive bases; pow keeps IEEE results else.
      llvm::Value *v = t.positive ? exp(b_.CreateFMul(e, lnBase)) : pow(base, e);
      if (!grad)
        return v;
      return b_.CreateFMul(v, up ? lnBase : b_.CreateFNeg(lnBase));
    };
    llvm::Value *lo = b_.CreateLoad(f64_, elementPtr(t.lo, k));
    llvm::Value *hi = b_.CreateLoad(f64_, elementPtr(t.hi, k));
    if (code == 1)
      return branch(
          b_.CreateFCmpOGT(alpha, f64(0)), [&] { return outer(hi, lnHi, alpha, true); },
          [&] { return outer(lo, lnLo, b_.CreateFNeg(alpha), false); });
    auto polynomial = [&]() -> llvm::Value * {
      auto coef = [&](int c) { return tableAt(t.coefficients, k, 6, idx(c)); };
      llvm::Value *acc = grad ? b_.CreateFMul(f64(6), coef(5)) : coef(5);
      for (int c = 4; c >= 0; --c)
        acc = b_.CreateFAdd(grad ? b_.CreateFMul(f64(c + 1), coef(c)) : coef(c), b_.CreateFMul(alpha, acc));
      return grad ? acc : b_.CreateFAdd(f64(1.0), b_.CreateFMul(alpha, acc));
    };
    llvm::Value *absAlpha = call(llvm::Intrinsic::fabs, {alpha});
    return branch(
        b_.CreateFCmpOGE(absAlpha, f64(1)),
        [&] {
          return branch(
              b_.CreateFCmpOGE(alpha, f64(1)), [&] { return outer(hi, lnHi, alpha, true); },
              [&] { return outer(lo, lnLo, b_.CreateFNeg(alpha), false); });
        },
        polynomial);
  }

  // Kernels: the loops of the batched ops (over their modifiers) are shared
  // functions of the module, one per op kind and code, called with each op's
  // tables. Code size then grows with the number of ops, not with the
  // number of modifiers times the inlined loop — which is what LLVM's time
  // is proportional to.

  /// The kernel `name`, built by `body` on first use (with fn_ and the
  /// builder pointed at it meanwhile).
  llvm::Function *kernel(const std::string &name, llvm::Type *ret, unsigned pointers, unsigned integers,
                         unsigned doubles, const std::function<void(llvm::Function *)> &body) {
    if (llvm::Function *existing = module_.getFunction(name))
      return existing;
    std::vector<llvm::Type *> params(pointers, llvm::PointerType::getUnqual(ctx_));
    params.insert(params.end(), integers, i64_);
    params.insert(params.end(), doubles, f64_);
    auto *f = llvm::Function::Create(llvm::FunctionType::get(ret, params, false),
                                     llvm::Function::InternalLinkage, name, module_);
    f->addFnAttr(llvm::Attribute::NoUnwind);
    f->addFnAttr(llvm::Attribute::NoInline);
    llvm::IRBuilderBase::InsertPointGuard guard(b_);
    llvm::Function *caller = fn_;
    fn_ = f;
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
    body(f);
    fn_ = caller;
    return f;
  }

  /// α_k = base[index[k]] inside a kernel.
  llvm::Value *kernelAlpha(llvm::Value *base, llvm::Value *index, llvm::Value *k) {
    llvm::Value *i = b_.CreateFPToUI(b_.CreateLoad(f64_, elementPtr(index, k)), i64_);
    return b_.CreateLoad(f64_, elementPtr(base, i));
  }

  /// The (base, index table) through which a kernel reads the α of an op.
  std::pair<llvm::Value *, llvm::Value *> alphaArguments(ValueId alpha, ValueId self) {
    const ir::Op &op = m_.ops[alpha];
    std::vector<double> index;
    llvm::Value *base = nullptr;
    if (op.kind == OpKind::ParamVec) {
      index.assign(op.index.begin(), op.index.end());
      base = arg(0);
    } else {
      for (uint32_t k = 0; k < op.size(); ++k)
        index.push_back(k);
      base = vectorPointer(alpha);
    }
    return {base, modelData(index, "alpha" + std::to_string(self))};
  }

  /// A pointer to the elements of v: its own, or a buffer filled with them.
  llvm::Value *vectorPointer(ValueId v) {
    const Emitted &e = values_[v];
    if (e.pointer && !gatherTables_.count(v))
      return e.pointer;
    uint32_t n = m_.ops[v].size();
    llvm::Value *buf = buffer(n, "vec");
    innerLoop(n, f64(0), [&](llvm::Value *k, llvm::Value *acc) {
      b_.CreateStore(loadElement(v, k), elementPtr(buf, k));
      return acc;
    }, immediate(n));
    return buf;
  }

  /// Kernel args of a normsys op: base, index, lo, hi, lnLo, lnHi, coef.
  std::vector<llvm::Value *> normArguments(const ir::Op &op, ValueId id) {
    if (!normTables_.count(id))
      makeNormTables(op, id);
    const NormTables &t = normTables_.at(id);
    auto [base, index] = alphaArguments(op.operands[0], id);
    return {base, index, t.lo, t.hi, t.lnLo, t.lnHi, t.coefficients};
  }

  /// NormTables over a kernel's own arguments 2..6.
  NormTables kernelNormTables(llvm::Function *f, bool positive) {
    return {f->getArg(2), f->getArg(3), f->getArg(4), f->getArg(5), f->getArg(6), positive};
  }

  /// Π_k κ_k(α_k) through the kernel hf.normprod.<code>[.pow].
  llvm::Value *normProd(const ir::Op &op, ValueId id) {
    std::vector<llvm::Value *> args = normArguments(op, id);
    bool positive = normTables_.at(id).positive;
    int code = static_cast<int>(op.index[0]);
    std::string name = fmt::format("hf.normprod.{}{}", code, positive ? "" : ".pow");
    llvm::Function *f = kernel(name, f64_, 7, 1, 0, [&](llvm::Function *k) {
      NormTables t = kernelNormTables(k, positive);
      llvm::Value *product = innerLoop(0, f64(1), [&](llvm::Value *m, llvm::Value *acc) {
        llvm::Value *alpha = kernelAlpha(k->getArg(0), k->getArg(1), m);
        return b_.CreateFMul(acc, normFactorAt(code, t, alpha, m, false));
      }, k->getArg(7));
      b_.CreateRet(product);
    });
    args.push_back(immediate(m_.ops[op.operands[0]].width));
    return b_.CreateCall(f, args);
  }
  void makeNormTables(const ir::Op &op, ValueId id) {
    size_t mods = op.data.size() / 2;
    std::vector<double> lo(op.data.begin(), op.data.begin() + mods), hi(op.data.begin() + mods, op.data.end());
    std::vector<double> lnLo, lnHi, coefficients;
    bool positive = true;
    for (size_t k = 0; k < mods; ++k) {
      lnLo.push_back(std::log(lo[k]));
      lnHi.push_back(std::log(hi[k]));
      positive = positive && lo[k] > 0 && hi[k] > 0;
      std::array<double, 6> a = ir::code4Coefficients(lo[k], hi[k]);
      coefficients.insert(coefficients.end(), a.begin(), a.end());
    }
    std::string name = "norm" + std::to_string(id);
    normTables_[id] = {modelData(lo, name + ".lo"), modelData(hi, name + ".hi"),
                       modelData(lnLo, name + ".lnlo"), modelData(lnHi, name + ".lnhi"),
                       modelData(coefficients, name + ".coef"), positive};
  }

  void makeHistoTables(const ir::Op &op, ValueId id) {
    size_t half = op.data.size() / 2;
    std::string name = "histo" + std::to_string(id);
    tables_[id] = {modelData(std::vector<double>(op.data.begin(), op.data.begin() + half), name + ".lo"),
                   modelData(std::vector<double>(op.data.begin() + half, op.data.end()), name + ".hi")};
  }

  /// Leaves and scalars, emitted in straight-line code before the loops.
  void emitOutsideLoops(ValueId id) {
    const ir::Op &op = m_.ops[id];
    switch (op.kind) {
    case OpKind::Const:
      values_[id] = {b_.CreateLoad(f64_, modelData(op.data, "c" + std::to_string(id))), nullptr};
      return;
    case OpKind::ConstVec:
      values_[id] = {nullptr, modelData(op.data, "c" + std::to_string(id))};
      return;
    case OpKind::Param:
      values_[id] = {b_.CreateLoad(f64_, elementPtr(arg(0), immediate(op.index[0]))), nullptr};
      return;
    case OpKind::ParamVec:
      if (contiguous(op.index)) {
        values_[id] = {nullptr, elementPtr(arg(0), immediate(op.index[0]))};
      } else {
        // A gather: element i reads θ[table[i]] (computed in the loop).
        std::vector<double> indices(op.index.begin(), op.index.end());
        gatherTables_[id] = modelData(indices, "gather" + std::to_string(id));
      }
      return;
    case OpKind::Data:
      values_[id] = {nullptr, elementPtr(arg(1), immediate(op.index[0]))};
      return;
    case OpKind::Aux:
      values_[id] = {nullptr, elementPtr(arg(2), immediate(op.index[0]))};
      return;
    default:
      break;
    }
    // A scalar computed from scalars.
    auto s = [&](size_t k) { return values_[op.operands[k]].scalar; };
    llvm::Value *v = nullptr;
    switch (op.kind) {
    case OpKind::Add:
      v = b_.CreateFAdd(s(0), s(1));
      break;
    case OpKind::Sub:
      v = b_.CreateFSub(s(0), s(1));
      break;
    case OpKind::Mul:
      v = b_.CreateFMul(s(0), s(1));
      break;
    case OpKind::Div:
      v = b_.CreateFDiv(s(0), s(1));
      break;
    case OpKind::Neg:
      v = b_.CreateFNeg(s(0));
      break;
    case OpKind::Code1:
    case OpKind::Code1Grad:
    case OpKind::Code4:
    case OpKind::Code4Grad: {
      // One normsys: a normsys_prod's κ with a one-row table (data = lo, hi).
      makeNormTables(op, id);
      int code = op.kind == OpKind::Code1 || op.kind == OpKind::Code1Grad ? 1 : 4;
      bool grad = op.kind == OpKind::Code1Grad || op.kind == OpKind::Code4Grad;
      v = normFactorAt(code, normTables_.at(id), s(0), idx(0), grad);
      break;
    }
    case OpKind::NormProd:
      v = normProd(op, id);
      break;
    case OpKind::NormProdGrad:
      emitNormProdGrad(op, id);
      return;
    case OpKind::HistoSumGrad:
      emitHistoSumGrad(op, id);
      return;
    default:
      throw std::logic_error(std::string("codegen: scalar ") + ir::opName(op.kind) + " is not supported");
    }
    values_[id] = {v, nullptr};
  }

  /// out_m = adj · κ'_m · Π_{j≠m} κ_j through the kernel
  /// hf.normprodgrad.<code>: κ and κ' into buffers, then prefix products
  /// forwards and the suffix product backwards (no division, so a zero
  /// factor stays exact).
  void emitNormProdGrad(const ir::Op &op, ValueId id) {
    uint32_t mods = op.width;
    std::vector<llvm::Value *> args = normArguments(op, id);
    bool positive = normTables_.at(id).positive;
    int code = static_cast<int>(op.index[0]);
    std::string name = fmt::format("hf.normprodgrad.{}{}", code, positive ? "" : ".pow");
    // (base, index, lo, hi, lnLo, lnHi, coef, out, kappa, slope; mods; adj)
    llvm::Function *f = kernel(name, llvm::Type::getVoidTy(ctx_), 10, 1, 0 + 1, [&](llvm::Function *k) {
      NormTables t = kernelNormTables(k, positive);
      llvm::Value *out = k->getArg(7), *kappa = k->getArg(8), *slope = k->getArg(9);
      llvm::Value *n = k->getArg(10), *adj = k->getArg(11);
      innerLoop(0, f64(1), [&](llvm::Value *m, llvm::Value *prefix) {
        llvm::Value *alpha = kernelAlpha(k->getArg(0), k->getArg(1), m);
        llvm::Value *kap = normFactorAt(code, t, alpha, m, false);
        b_.CreateStore(kap, elementPtr(kappa, m));
        b_.CreateStore(normFactorAt(code, t, alpha, m, true), elementPtr(slope, m));
        b_.CreateStore(prefix, elementPtr(out, m)); // Π_{j<m} κ_j
        return b_.CreateFMul(prefix, kap);
      }, n);
      innerLoop(0, f64(1), [&](llvm::Value *r, llvm::Value *suffix) {
        llvm::Value *m = b_.CreateSub(b_.CreateSub(n, idx(1)), r);
        llvm::Value *slot = elementPtr(out, m);
        llvm::Value *others = b_.CreateFMul(b_.CreateLoad(f64_, slot), suffix);
        b_.CreateStore(b_.CreateFMul(adj, b_.CreateFMul(b_.CreateLoad(f64_, elementPtr(slope, m)), others)), slot);
        return b_.CreateFMul(suffix, b_.CreateLoad(f64_, elementPtr(kappa, m)));
      }, n);
      b_.CreateRetVoid();
    });
    llvm::Value *out = buffer(mods, "dnorm");
    args.insert(args.end(), {out, buffer(mods, "kappa"), buffer(mods, "slope"), immediate(mods),
                             values_[op.operands[1]].scalar});
    b_.CreateCall(f, args);
    values_[id] = {nullptr, out};
  }

  /// out_m = Σ_b adj_b Δ'_mb(α_m), through the kernel hf.histosumgrad.<code>
  /// (base, index, lo, hi, nominal, adj, out; bins, mods).
  void emitHistoSumGrad(const ir::Op &op, ValueId id) {
    uint32_t mods = op.width, bins = m_.ops[op.operands[1]].width;
    makeHistoTables(op, id);
    int code = static_cast<int>(op.index[0]);
    OpKind kind = code == 0 ? OpKind::Code0Grad : code == 2 ? OpKind::Code2Grad : OpKind::Code4pGrad;
    llvm::Function *f = kernel(fmt::format("hf.histosumgrad.{}", code), llvm::Type::getVoidTy(ctx_), 7, 2, 0,
                               [&](llvm::Function *k) {
      llvm::Value *kb = k->getArg(7), *kn = k->getArg(8);
      innerLoop(0, f64(0), [&](llvm::Value *m, llvm::Value *) {
        llvm::Value *alpha = kernelAlpha(k->getArg(0), k->getArg(1), m);
        llvm::Value *g = innerLoop(0, f64(0), [&](llvm::Value *bin, llvm::Value *acc) {
          llvm::Value *at = b_.CreateAdd(b_.CreateMul(m, kb), bin);
          llvm::Value *lo = b_.CreateLoad(f64_, elementPtr(k->getArg(2), at));
          llvm::Value *hi = b_.CreateLoad(f64_, elementPtr(k->getArg(3), at));
          llvm::Value *nom = b_.CreateLoad(f64_, elementPtr(k->getArg(4), bin));
          llvm::Value *adj = b_.CreateLoad(f64_, elementPtr(k->getArg(5), bin));
          return b_.CreateFAdd(acc, b_.CreateFMul(adj, additive(kind, alpha, lo, nom, hi)));
        }, kb);
        b_.CreateStore(g, elementPtr(k->getArg(6), m));
        return f64(0);
      }, kn);
      b_.CreateRetVoid();
    });
    auto [base, index] = alphaArguments(op.operands[0], id);
    llvm::Value *out = buffer(mods, "dhisto");
    b_.CreateCall(f, {base, index, tables_.at(id).first, tables_.at(id).second, vectorPointer(op.operands[1]),
                      vectorPointer(op.operands[2]), out, immediate(bins), immediate(mods)});
    values_[id] = {nullptr, out};
  }

  /// Element i of a vector op, inside its loop.
  llvm::Value *emitElement(ValueId id, llvm::Value *i) {
    const ir::Op &op = m_.ops[id];
    auto e = [&](size_t k) { return element(op.operands[k], i); };
    switch (op.kind) {
    case OpKind::HistoSum:
      return histoSumAt(op, i, id);
    case OpKind::Add:
      return b_.CreateFAdd(e(0), e(1));
    case OpKind::Sub:
      return b_.CreateFSub(e(0), e(1));
    case OpKind::Mul:
      return b_.CreateFMul(e(0), e(1));
    case OpKind::Div:
      return b_.CreateFDiv(e(0), e(1));
    case OpKind::Neg:
      return b_.CreateFNeg(e(0));
    case OpKind::Broadcast:
      return e(0);
    case OpKind::Code0:
    case OpKind::Code2:
    case OpKind::Code4p:
    case OpKind::Code0Grad:
    case OpKind::Code2Grad:
    case OpKind::Code4pGrad:
      return additive(op.kind, e(0), e(1), e(2), e(3));
    case OpKind::PoissonGrad: {
      llvm::Value *n = e(0);
      llvm::Value *ratio = b_.CreateSelect(b_.CreateFCmpOEQ(n, f64(0)), f64(0), b_.CreateFDiv(n, e(1)));
      return b_.CreateFSub(ratio, f64(1));
    }
    // Reductions: the term added to the accumulator.
    case OpKind::Sum:
      return e(0);
    case OpKind::PoissonLogPdf:
      return poissonTerm(e(0), e(1));
    case OpKind::GaussLogPdf:
      return gaussTerm(e(0), e(1), e(2));
    default:
      throw std::logic_error(std::string("codegen: vector ") + ir::opName(op.kind) + " is not supported");
    }
  }

  /// One fused loop: every vector op of stage `s` and width `w`, the
  /// reductions over them, and the vector outputs they feed.
  void emitLoop(int s, uint32_t w, const std::vector<bool> &live, const std::vector<bool> &laterUse) {
    std::vector<ValueId> body, reductions;
    for (ValueId id = 0; id < m_.ops.size(); ++id) {
      const ir::Op &op = m_.ops[id];
      if (!live[id] || runStage(id) != s || loopWidth(op) != w || outsideLoops(op))
        continue;
      body.push_back(id);
      if (isReduction(op.kind))
        reductions.push_back(id);
    }
    if (body.empty())
      return;

    for (ValueId id : body)
      if (m_.ops[id].kind == OpKind::HistoSum) {
        makeHistoTables(m_.ops[id], id);
        histoArgs_[id] = alphaArguments(m_.ops[id].operands[0], id);
      }
    // Values later stages read back: a buffer filled in this loop.
    for (ValueId id : body)
      if (laterUse[id] && !isReduction(m_.ops[id].kind))
        values_[id] = {nullptr, buffer(w, "stage")};

    llvm::Value *tripCount = immediate(w);
    llvm::BasicBlock *pre = b_.GetInsertBlock();
    auto *header = llvm::BasicBlock::Create(ctx_, "bins", fn_);
    auto *exit = llvm::BasicBlock::Create(ctx_, "bins.end", fn_);
    b_.CreateBr(header);
    b_.SetInsertPoint(header);
    llvm::PHINode *i = b_.CreatePHI(i64_, 2, "bin");
    i->addIncoming(idx(0), pre);
    std::map<ValueId, llvm::PHINode *> acc;
    for (ValueId id : reductions) {
      acc[id] = b_.CreatePHI(f64_, 2, "acc");
      acc[id]->addIncoming(f64(0), pre);
    }
    elements_.clear();
    std::map<ValueId, llvm::Value *> next;
    for (ValueId id : body) {
      llvm::Value *x = emitElement(id, i);
      if (isReduction(m_.ops[id].kind)) {
        next[id] = b_.CreateFAdd(acc[id], x);
        continue;
      }
      elements_[id] = x;
      if (values_[id].pointer) // a buffer for later stages
        b_.CreateStore(x, elementPtr(values_[id].pointer, i));
    }
    for (const ir::Output &out : m_.outputs) {
      auto it = elements_.find(out.value);
      if (!wanted(out.kind) || it == elements_.end() || m_.ops[out.value].isScalar() ||
          std::find(body.begin(), body.end(), out.value) == body.end())
        continue;
      storeOutput(out, it->second, i);
    }
    llvm::Value *inc = b_.CreateAdd(i, idx(1));
    llvm::BasicBlock *latch = b_.GetInsertBlock();
    i->addIncoming(inc, latch);
    for (ValueId id : reductions)
      acc[id]->addIncoming(next[id], latch);
    b_.CreateCondBr(b_.CreateICmpULT(inc, tripCount), header, exit);
    b_.SetInsertPoint(exit);
    for (ValueId id : reductions)
      values_[id] = {next[id], nullptr};
    elements_.clear();
  }

  llvm::Value *outputTarget(OutputKind k) {
    switch (k) {
    case OutputKind::Gradient:
      return arg(3);
    case OutputKind::ExpectedMain:
      return arg(1);
    case OutputKind::ExpectedAux:
      return arg(2);
    case OutputKind::LogPdf:
      break;
    }
    return nullptr;
  }

  /// out[offset + i] = x (gradients: += x).
  void storeOutput(const ir::Output &out, llvm::Value *x, llvm::Value *i) {
    llvm::Value *position = b_.CreateAdd(i, immediate(out.offset));
    if (!out.index.empty()) {
      std::vector<double> index(out.index.begin(), out.index.end());
      llvm::Value *table = modelData(index, "scatter");
      position = b_.CreateFPToUI(b_.CreateLoad(f64_, elementPtr(table, i)), i64_);
    }
    llvm::Value *slot = elementPtr(outputTarget(out.kind), position);
    if (out.kind == OutputKind::Gradient)
      x = b_.CreateFAdd(b_.CreateLoad(f64_, slot), x);
    b_.CreateStore(x, slot);
  }

  void emitStaged(const std::vector<bool> &live) {
    computeStages(live);
    // A vector whose elements a later stage reads gets a buffer.
    std::vector<bool> laterUse(m_.ops.size(), false);
    for (ValueId id = 0; id < m_.ops.size(); ++id)
      if (live[id])
        for (ValueId a : m_.ops[id].operands)
          if (!m_.ops[a].isScalar() && !outsideLoops(m_.ops[a]) && (runStage(a) != runStage(id) || outsideLoops(m_.ops[id])))
            laterUse[a] = true;

    if (wanted(OutputKind::Gradient)) { // grad = 0; outputs add into it
      auto npars = static_cast<uint32_t>(m_.params.size());
      if (!pool_)
        for (uint32_t p = 0; p < npars; ++p)
          b_.CreateStore(f64(0), elementPtr(arg(3), idx(p)));
      else if (npars > 0) // a loop: the count is the model's, not the structure's
        innerLoop(npars, f64(0), [&](llvm::Value *p, llvm::Value *acc) {
          b_.CreateStore(f64(0), elementPtr(arg(3), p));
          return acc;
        }, immediate(npars));
    }

    for (int s = 0; s <= maxStage_; ++s) {
      for (ValueId id = 0; id < m_.ops.size(); ++id) {
        const ir::Op &op = m_.ops[id];
        if (live[id] && runStage(id) == s && outsideLoops(op))
          emitOutsideLoops(id);
      }
      std::set<uint32_t> widths;
      for (ValueId id = 0; id < m_.ops.size(); ++id)
        if (live[id] && runStage(id) == s && loopWidth(m_.ops[id]) > 0 && !outsideLoops(m_.ops[id]))
          widths.insert(loopWidth(m_.ops[id]));
      for (uint32_t w : widths)
        emitLoop(s, w, live, laterUse);
    }
  }

  void emitOutputs() {
    llvm::Value *result = nullptr;
    for (const ir::Output &out : m_.outputs) {
      if (!wanted(out.kind))
        continue;
      if (out.kind == OutputKind::LogPdf) {
        result = values_[out.value].scalar;
        continue;
      }
      const ir::Op &op = m_.ops[out.value];
      if (op.isScalar()) {
        storeOutput(out, values_[out.value].scalar, idx(0));
      } else if (outsideLoops(op)) {
        // Leaves (θ itself as expected aux data) and opaque vectors: a loop.
        innerLoop(op.width, f64(0), [&](llvm::Value *k, llvm::Value *acc) {
          storeOutput(out, loadElement(out.value, k), k);
          return acc;
        }, immediate(op.width));
      }
    }
    if (fn_->getReturnType()->isVoidTy())
      b_.CreateRetVoid();
    else
      b_.CreateRet(result ? result : f64(0));
  }

  const ir::Module &m_;
  llvm::Module &module_;
  llvm::Function *fn_;
  llvm::LLVMContext &ctx_;
  llvm::IRBuilder<> b_;
  llvm::Type *f64_, *i64_;
  std::vector<OutputKind> outputs_;
  std::vector<Emitted> values_;
  llvm::Value *signSlot_ = nullptr;
  std::vector<int> stage_;
  int maxStage_ = 0;
  std::map<ValueId, llvm::Value *> elements_;     // element i of values in the current loop
  std::map<ValueId, llvm::Value *> gatherTables_; // index tables of non-contiguous param_vec
  std::map<ValueId, std::pair<llvm::Value *, llvm::Value *>> tables_; // histosys lo/hi tables
  std::map<ValueId, NormTables> normTables_;
  std::map<ValueId, std::pair<llvm::Value *, llvm::Value *>> histoArgs_; // α base and index of histosys_sum
  std::vector<double> *pool_;  // null: model data are constant globals
  llvm::Value *poolArg_;
  std::vector<double> header_;     // the pool's header: table offsets and immediates
  std::vector<size_t> tableSlots_; // header slots that hold a table's offset
};

/// `nPointers` array arguments, and the constant pool after them when `pooled`.
llvm::Function *declare(llvm::Module &module, const std::string &name, bool returnsDouble, unsigned nPointers,
                        bool pooled) {
  llvm::LLVMContext &ctx = module.getContext();
  if (pooled)
    ++nPointers;
  std::vector<llvm::Type *> params(nPointers, llvm::PointerType::getUnqual(ctx));
  auto *type = llvm::FunctionType::get(returnsDouble ? llvm::Type::getDoubleTy(ctx) : llvm::Type::getVoidTy(ctx),
                                       params, false);
  auto *fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name, module);
  // The arrays never overlap: that lets LLVM keep values in registers and
  // vectorize the bin loops.
  for (unsigned i = 0; i < nPointers; ++i)
    fn->addParamAttr(i, llvm::Attribute::NoAlias);
  if (pooled)
    fn->addParamAttr(nPointers - 1, llvm::Attribute::ReadOnly);
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  return fn;
}

} // namespace

const char *functionSuffix(CompiledFunction which) {
  switch (which) {
  case CompiledFunction::Logpdf:
    return "_logpdf";
  case CompiledFunction::LogpdfGrad:
    return "_logpdf_grad";
  case CompiledFunction::Expected:
    return "_expected";
  }
  return "";
}

void emitFunction(const ir::Module &m, llvm::Module &module, const std::string &prefix, CompiledFunction which,
                  std::vector<double> *pool) {
  std::string name = prefix + functionSuffix(which);
  bool pooled = pool != nullptr;
  auto emitOne = [&](bool returnsDouble, unsigned pointers, std::vector<OutputKind> outputs) {
    FunctionEmitter emitter(m, module, declare(module, name, returnsDouble, pointers, pooled), std::move(outputs),
                            pool);
    emitter.emit();
  };
  switch (which) {
  case CompiledFunction::Logpdf:
    emitOne(true, 3, {OutputKind::LogPdf});
    break;
  case CompiledFunction::LogpdfGrad:
    emitOne(true, 4, {OutputKind::LogPdf, OutputKind::Gradient});
    break;
  case CompiledFunction::Expected:
    emitOne(false, 3, {OutputKind::ExpectedMain, OutputKind::ExpectedAux});
    break;
  }
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(module, &os))
    throw std::logic_error("codegen produced invalid LLVM IR: " + os.str());
}

std::unique_ptr<llvm::Module> emitLLVM(const ir::Module &m, llvm::LLVMContext &context,
                                       const std::string &prefix) {
  auto module = std::make_unique<llvm::Module>(prefix, context);
  for (CompiledFunction which : {CompiledFunction::Logpdf, CompiledFunction::LogpdfGrad, CompiledFunction::Expected})
    emitFunction(m, *module, prefix, which);
  return module;
}

std::string printLLVM(const llvm::Module &module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os, nullptr);
  return os.str();
}

} // namespace hf::codegen
