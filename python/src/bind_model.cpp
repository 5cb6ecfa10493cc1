//===- python/src/bind_model.cpp - hfc::Model as hfc._core.Model ----------===//
//
// The compiled model's evaluation (logpdf, its gradient, expected data) and
// the inference calls the Python package's hfc.infer wraps. Every call that
// runs compiled code or a fit releases the GIL, so Python threads evaluate
// in parallel (hfc::Model's evaluation is thread-safe; its inference is not,
// and hfc/_model.py serialises it per model). Results of inference come back
// as plain tuples and dicts; the pyhf-shaped return values are made in
// Python.
//
//===----------------------------------------------------------------------===//
#include "python/src/arrays.h"
#include "python/src/bindings.h"

#include "hf/model.h"

#include <pybind11/stl.h>

namespace hfc::python {

namespace {

using GilRelease = py::gil_scoped_release;

py::array_t<double> toArray(const std::vector<double> &v) {
  auto [a, out] = newDoubles(v.size());
  std::copy(v.begin(), v.end(), out.begin());
  return a;
}

size_t npars(const Model &m) { return m.parameters().size(); }

size_t nData(const Model &m) { return m.mainDataSize() + m.auxDataSize(); }

TestStat testStat(const std::string &name) {
  if (name == "qtilde")
    return TestStat::QTilde;
  if (name == "q")
    return TestStat::Q;
  throw py::value_error("test_stat: expected \"qtilde\" or \"q\", got \"" + name +
                        "\" (q0: hfc.infer.significance; tmu, tmu_tilde: not offered by hypotest)");
}

/// FitOptions from the Python layer's normalised arguments: init and bounds
/// None or full-length, fixed a dict {name: value}.
FitOptions fitOptions(const Model &m, const py::object &init, const py::object &bounds,
                      const std::map<std::string, double> &fixed, bool uncertainties) {
  FitOptions o;
  o.fixed = fixed;
  o.uncertainties = uncertainties;
  if (!init.is_none()) {
    DoubleInput in = readDoubles(init, "init_pars", npars(m));
    o.init.assign(in.values.begin(), in.values.end());
  }
  if (!bounds.is_none())
    for (const py::handle &b : bounds) {
      auto pair = b.cast<std::pair<double, double>>();
      o.bounds.push_back(pair);
    }
  return o;
}

py::dict hypoTestDict(const HypoTest &t) {
  py::dict d;
  d["CLs_obs"] = t.clsObs;
  d["CLs_exp"] = t.clsExp;
  d["CLsb"] = t.clsb;
  d["CLb"] = t.clb;
  d["mu_hat"] = t.muHat;
  return d;
}

} // namespace

void bindModel(py::module_ &m) {
  py::class_<Model>(m, "Model", "A compiled HistFactory model (hfc::Model); use hfc.Workspace(...).model()")
      .def(py::init([](const std::string &json, const std::string &measurement, const std::string &interp,
                       bool interpreter, const std::string &cacheDir) {
             LoadOptions o;
             o.measurement = measurement;
             o.compile.interp = interp;
             o.compile.interpreter = interpreter;
             o.compile.cacheDir = cacheDir;
             GilRelease release; // parsing and compiling take a while
             return Model::fromJson(json, o);
           }),
           py::arg("workspace_json"), py::arg("measurement") = "", py::arg("interp") = "",
           py::arg("interpreter") = false, py::arg("cache_dir") = "")
      .def_property_readonly("_par_names",
                             [](const Model &self) {
                               std::vector<std::string> names;
                               for (const Parameter &p : self.parameters())
                                 names.push_back(p.name);
                               return names;
                             })
      .def_property_readonly("_inits",
                             [](const Model &self) {
                               std::vector<double> v;
                               for (const Parameter &p : self.parameters())
                                 v.push_back(p.init);
                               return toArray(v);
                             })
      .def_property_readonly("_bounds",
                             [](const Model &self) {
                               std::vector<std::pair<double, double>> v;
                               for (const Parameter &p : self.parameters())
                                 v.emplace_back(p.lo, p.hi);
                               return v;
                             })
      .def_property_readonly("_fixed",
                             [](const Model &self) {
                               std::vector<bool> v;
                               for (const Parameter &p : self.parameters())
                                 v.push_back(p.fixed);
                               return v;
                             })
      .def_property_readonly("_poi_name", &Model::poi)
      .def_property_readonly("_channels", &Model::channels)
      .def("_observed_data", [](const Model &self) { return toArray(self.observedData()); })
      .def(
          "logpdf",
          [](const Model &self, py::handle pars, py::handle data) {
            DoubleInput p = readDoubles(pars, "pars", npars(self));
            DoubleInput d = readDoubles(data, "data (main followed by auxiliary data)", nData(self));
            auto [out, value] = newDoubles(1);
            {
              GilRelease release;
              value[0] = self.logpdf(p.values, d.values);
            }
            return out;
          },
          py::arg("pars"), py::arg("data"),
          "log L(pars | data) as pyhf's model.logpdf: a float64 array of shape (1,)")
      .def(
          "logpdf_grad",
          [](const Model &self, py::handle pars, py::handle data) {
            DoubleInput p = readDoubles(pars, "pars", npars(self));
            DoubleInput d = readDoubles(data, "data (main followed by auxiliary data)", nData(self));
            auto [out, grad] = newDoubles(npars(self));
            {
              GilRelease release;
              self.logpdfGradient(p.values, d.values, grad);
            }
            return out;
          },
          py::arg("pars"), py::arg("data"), "d logpdf / d pars (reverse mode, compiled): shape (npars,)")
      .def(
          "expected_data",
          [](const Model &self, py::handle pars, bool includeAux) {
            DoubleInput p = readDoubles(pars, "pars", npars(self));
            size_t n = includeAux ? nData(self) : self.mainDataSize();
            auto [out, values] = newDoubles(n);
            {
              GilRelease release;
              self.expectedData(p.values, values);
            }
            return out;
          },
          py::arg("pars"), py::arg("include_auxdata") = true)
      .def("_set_data",
           [](Model &self, py::handle data) {
             DoubleInput d = readDoubles(data, "data (main followed by auxiliary data)", nData(self));
             self.setData(d.values);
           })
      .def("_fit",
           [](const Model &self, const py::object &init, const py::object &bounds,
              const std::map<std::string, double> &fixed, bool uncertainties) {
             FitOptions o = fitOptions(self, init, bounds, fixed, uncertainties);
             Fit f;
             {
               GilRelease release;
               f = self.fit(o);
             }
             return py::make_tuple(toArray(f.values), toArray(f.uncertainties), f.correlations, f.twiceNll,
                                   f.converged);
           })
      .def("_hypotest",
           [](const Model &self, double mu, const std::string &stat, bool toys, size_t ntoys, uint64_t seed,
              const py::object &init, const py::object &bounds, const std::map<std::string, double> &fixed) {
             HypoTestOptions o;
             o.stat = testStat(stat);
             o.toys = toys;
             o.ntoys = ntoys;
             o.seed = seed;
             o.fit = fitOptions(self, init, bounds, fixed, false);
             HypoTest t;
             {
               GilRelease release;
               t = self.cls(mu, o);
             }
             return hypoTestDict(t);
           })
      .def("_upper_limit",
           [](const Model &self, double level, const std::vector<double> &scan, const std::string &stat, bool toys,
              size_t ntoys, uint64_t seed) {
             HypoTestOptions o;
             o.stat = testStat(stat);
             o.toys = toys;
             o.ntoys = ntoys;
             o.seed = seed;
             Limit l;
             {
               GilRelease release;
               l = self.upperLimit(level, o, scan);
             }
             return py::make_tuple(l.obs, l.exp, l.testedMu, l.testedClsObs, l.testedClsExp);
           })
      .def("_significance",
           [](const Model &self) {
             Significance s;
             {
               GilRelease release;
               s = self.significance();
             }
             return py::make_tuple(s.p0Obs, s.zObs, s.p0Exp, s.zExp);
           })
      .def("_ranking",
           [](const Model &self, const std::map<std::string, double> &fixed) {
             FitOptions o;
             o.fixed = fixed;
             std::vector<Impact> r;
             {
               GilRelease release;
               r = self.ranking(o);
             }
             py::list out;
             for (const Impact &i : r)
               out.append(py::make_tuple(i.parameter, i.bestFit, i.uncertainty, i.postfitUp, i.postfitDown,
                                         i.hasPrefit, i.prefitUp, i.prefitDown));
             return out;
           })
      .def("_scan",
           [](const Model &self, const std::vector<double> &values, const std::string &parameter,
              const std::map<std::string, double> &fixed) {
             FitOptions o;
             o.fixed = fixed;
             Scan s;
             {
               GilRelease release;
               s = self.scan(values, parameter, o);
             }
             return py::make_tuple(toArray(s.values), toArray(s.twiceNll), toArray(s.deltaTwiceNll), s.bestFit,
                                   s.bestTwiceNll);
           })
      .def("_ir", &Model::ir)
      .def_property_readonly("compile_ms", &Model::compileMs);
}

} // namespace hfc::python
