//===- ir/module.h - The hfc IR: parameters and a typed SSA dataflow ------===//
//
// A Module is one HistFactory model ready to evaluate: the parameter table
// (pyhf's names, order, inits, bounds, fixed flags, constraints) and one
// straight-line function of typed SSA values that computes the expected rates
// and the log-likelihood. Values are scalars or fixed-length vectors of bins.
//
// The function's inputs are the parameter vector θ, the observed main data and
// the auxiliary data (ops Param/ParamVec, Data and Aux read them), so one
// Module — and one compiled function — serves observed data, Asimov data and
// every toy. Its results are Outputs: the log-likelihood, the expected main
// and auxiliary data, and (after autodiff) the gradient.
//
// Ops are HistFactory-level (interpolation codes, Poisson and Gaussian terms)
// so that passes can reason about them. Their semantics are defined by
// ir/eval.cpp, the reference interpreter; every other back end must agree.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hf::ir {

/// Index of an Op in Module::ops; an op defines exactly one value.
using ValueId = uint32_t;

// X(name, mnemonic): the op set. Elementwise ops take scalars or vectors of
// one width; a scalar operand broadcasts over a vector.
#define HF_IR_OPS(X)                                                                               \
  X(Const, "const")           /* scalar literal data[0] */                                         \
  X(ConstVec, "const_vec")    /* vector literal data */                                            \
  X(Param, "param")           /* θ[index[0]] */                                                    \
  X(ParamVec, "param_vec")    /* (θ[index[0]], θ[index[1]], ...) */                                \
  X(Data, "data")             /* observed main data[index[0] .. +width] */                         \
  X(Aux, "aux")               /* auxiliary data[index[0] .. +width] */                             \
  X(Add, "add")               /* a + b */                                                          \
  X(Sub, "sub")               /* a - b */                                                          \
  X(Mul, "mul")               /* a * b */                                                          \
  X(Div, "div")               /* a / b */                                                          \
  X(Neg, "neg")               /* -a */                                                             \
  X(Sum, "sum")               /* Σ_i a_i, a vector reduced to a scalar */                          \
  X(Code0, "interp_code0")    /* Δ(α; lo, nom, hi), piecewise linear (additive) */                 \
  X(Code2, "interp_code2")    /* Δ(α; lo, nom, hi), quadratic inside, linear out */                \
  X(Code4p, "interp_code4p")  /* Δ(α; lo, nom, hi), polynomial inside, linear out */               \
  X(Code1, "interp_code1")    /* κ(α; lo=data[0], hi=data[1]), exponential (scalar) */             \
  X(Code4, "interp_code4")    /* κ(α; lo=data[0], hi=data[1]), polynomial + exponential */         \
  X(HistoSum, "histosys_sum")  /* Σ_m Δ(α_m; lo_m, nom, hi_m): (α vec<M>, nom vec<B>); code in  */ \
                              /* index[0] (0, 2 or 4 for 4p); data = lo (M×B, row m) then hi */    \
  X(NormProd, "normsys_prod")  /* Π_m κ(α_m; lo_m, hi_m): (α vec<M>) → scalar; code in index[0] */ \
                              /* (1 or 4); data = lo (M) then hi (M) */                            \
  X(PoissonLogPdf, "poisson_logpdf") /* Σ_b xlogy(n_b, λ_b) − λ_b − lnΓ(n_b + 1): (n, λ) */        \
  X(GaussLogPdf, "gauss_logpdf")     /* Σ_j −ln(σ_j√(2π)) − ((a_j − θ_j)/(√2σ_j))²: (a, θ, σ) */    \
  /* Ops that autodiff introduces: derivatives of the HistFactory ops. */                          \
  X(Broadcast, "broadcast")   /* a scalar repeated `width` times */                                \
  X(Code0Grad, "interp_code0_grad")   /* dΔ/dα of interp_code0, same operands */                   \
  X(Code2Grad, "interp_code2_grad")   /* dΔ/dα of interp_code2 */                                  \
  X(Code4pGrad, "interp_code4p_grad") /* dΔ/dα of interp_code4p */                                 \
  X(Code1Grad, "interp_code1_grad")   /* dκ/dα of interp_code1, same immediates */                 \
  X(Code4Grad, "interp_code4_grad")   /* dκ/dα of interp_code4 */                                  \
  X(PoissonGrad, "poisson_grad")      /* d/dλ_b of poisson_logpdf: n_b/λ_b − 1 (−1 when n_b = 0) */  \
  X(HistoSumGrad, "histosys_sum_grad") /* vec<M>: Σ_b adj_b ∂Δ_mb/∂α_m: (α, nom, adj vec<B>) */   \
  X(NormProdGrad, "normsys_prod_grad") /* vec<M>: adj · κ'_m · Π_{j≠m} κ_j: (α, adj scalar) */

enum class OpKind : uint8_t {
#define HF_IR_ENUM(name, mnemonic) name,
  HF_IR_OPS(HF_IR_ENUM)
#undef HF_IR_ENUM
};

/// The op's mnemonic as the printer writes it ("interp_code4p").
const char *opName(OpKind kind);

/// One SSA value and the operation that defines it.
struct Op {
  Op(OpKind k, uint32_t w = 0) : kind(k), width(w) {}

  OpKind kind;
  uint32_t width = 0;              ///< 0: a scalar; n > 0: a vector of n elements
  std::vector<ValueId> operands;   ///< values defined earlier in Module::ops
  std::vector<double> data;        ///< literals (Const, ConstVec) and immediates (Code1/4: lo, hi)
  std::vector<uint32_t> index;     ///< parameter indices (Param*), data offset (Data, Aux)
  std::string note;                ///< what the value is, for --emit-ir readers

  bool isScalar() const { return width == 0; }
  /// Number of elements (1 for a scalar).
  uint32_t size() const { return width == 0 ? 1 : width; }
};

enum class Constraint : uint8_t { None, Gauss, Poisson };

/// One component of the flat parameter vector θ.
struct Parameter {
  std::string name;      ///< pyhf's par_name: "mu", or "gamma_stat[3]" for per-bin sets
  uint32_t paramset = 0; ///< index into Module::paramsets
  uint32_t component = 0;
  double init = 0, lo = 0, hi = 0;
  bool fixed = false;
};

/// A named group of parameters (pyhf's paramset): one per modifier name.
struct ParamSet {
  std::string name;
  std::vector<std::string> types; ///< modifier types that use it ("histosys", "normsys")
  uint32_t start = 0, size = 1;   ///< slice of θ
  bool scalar = true;             ///< named "name" (not "name[i]")
  Constraint constraint = Constraint::None;
  uint32_t auxStart = 0;          ///< slice of the auxiliary data (constrained sets only)
  std::vector<double> auxdata;    ///< nominal auxiliary data, one per component
  std::vector<double> widths;     ///< Gauss: σ per component; Poisson: τ (rate factor)
};

struct ChannelInfo {
  std::string name;
  uint32_t offset = 0, nbins = 0; ///< slice of the main data
};

/// Where one sample's expected rates in one channel are computed: what
/// per-sample predictions (report/prediction.h) read.
struct SampleRate {
  uint32_t channel = 0; ///< index into Module::channels
  std::string sample;
  ValueId value = 0;    ///< the rate vector (the channel's bins)
};

/// What the function computes: a value stored at an offset of a result array.
enum class OutputKind : uint8_t {
  LogPdf,       ///< the scalar log-likelihood
  ExpectedMain, ///< expected main-bin rates λ at [offset, offset + width)
  ExpectedAux,  ///< expected auxiliary data at [offset, offset + width)
  Gradient,     ///< d logpdf / dθ at [offset, offset + width)
};

struct Output {
  Output() = default;
  Output(OutputKind k, ValueId v, uint32_t off = 0, std::vector<uint32_t> idx = {})
      : kind(k), value(v), offset(off), index(std::move(idx)) {}

  OutputKind kind = OutputKind::LogPdf;
  ValueId value = 0;
  uint32_t offset = 0;          ///< element i goes to [offset + i] ...
  std::vector<uint32_t> index;  ///< ... or, when given, to [index[i]] (gradients of gathers)
};

struct Module {
  // The model's interface.
  std::vector<Parameter> params;
  std::vector<ParamSet> paramsets;
  std::vector<ChannelInfo> channels; ///< sorted by name, as pyhf orders them
  std::vector<std::string> samples;  ///< global sample names, sorted
  uint32_t nMain = 0, nAux = 0;
  std::vector<double> observedMain;  ///< the workspace's observations, channel order
  std::vector<double> nominalAux;    ///< the auxiliary data of the measurement
  std::string poiName;               ///< the measurement's POI ("" when none)
  int poiIndex = -1;                 ///< index in θ, or -1 when the POI is not a parameter
  std::string normsysCode, histosysCode; ///< interpolation codes the module was lowered with
  /// Every (channel, sample) rate, channel by channel and samples in name
  /// order, as ir::lower emits them. Value ids of the module as lowered:
  /// the passes do not maintain them, so read them before optimize().
  std::vector<SampleRate> sampleRates;

  // The function.
  std::vector<Op> ops;
  std::vector<Output> outputs;

  /// Appends `op` and returns its value.
  ValueId append(Op op);
  /// Index of the parameter named `name` (pyhf's par_name), or -1.
  int findParameter(const std::string &name) const;
  /// The value of the LogPdf output.
  ValueId logpdfValue() const;
};

} // namespace hf::ir
