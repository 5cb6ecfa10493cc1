// The pyhf 2-bin example built with hfc's C++ API: fit it, then print the
// CLs at mu = 1 and the 95% CL upper limit on mu.
//   cmake -S examples/api -B build -DCMAKE_PREFIX_PATH=<hfc install prefix>
//   cmake --build build && ./build/cls_two_bin
#include <hf/hfc.h>

#include <cstdio>

int main() {
  hfc::ModelBuilder b;
  auto channel = b.channel("singlechannel");
  channel.sample("signal", {5.0, 10.0}).normfactor("mu");
  channel.sample("background", {50.0, 60.0}).shapesys("uncorr_bkguncrt", {5.0, 12.0});
  channel.observe({50.0, 60.0});
  b.measurement("Measurement", "mu").bounds("mu", 0.0, 10.0);

  try {
    hfc::Model model = b.build();
    hfc::Fit fit = model.fit();
    std::printf("best fit mu = %.6g +- %.6g, twice_nll = %.10g\n", fit.values[model.index("mu")],
                fit.uncertainties[model.index("mu")], fit.twiceNll);

    hfc::HypoTest test = model.cls(1.0);
    std::printf("CLs_obs %.17g\n", test.clsObs);
    std::printf("CLs_exp");
    for (double cls : test.clsExp)
      std::printf(" %.17g", cls);
    std::printf("\n");

    hfc::Limit limit = model.upperLimit(0.05);
    std::printf("limit_obs %.17g\n", limit.obs);
  } catch (const hfc::InputError &e) { // bad input: the message says where
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  } catch (const hfc::ComputeError &e) { // e.g. a fit that did not converge
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
