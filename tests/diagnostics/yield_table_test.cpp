//===- tests/diagnostics/yield_table_test.cpp - Yield tables vs cabinetry --===//
//
// report/yield_table.h against cabinetry's tabulate.yields on the tutorial
// (inference.json "tables"): the text format byte for byte as cabinetry
// saved it (tabulate "simple"), every cell as in cabinetry's dicts, and the
// other formats carrying the same cells.
//
//===----------------------------------------------------------------------===//
#include "report/yield_table.h"

#include "hf/error.h"
#include "runtime/fit.h"
#include "tests/diagnostics/cabinetry_reference.h"

#include <gtest/gtest.h>

using namespace hf;
using namespace hf::report;

namespace {

Prediction prefit() {
  static ir::Module m = test::cabinetryTutorialModule();
  return prefitPrediction(m, observedData(m));
}

/// Post-fit at cabinetry's own fit (its best fit, uncertainties and
/// correlations), so the tables test the tabulation, not the fit.
Prediction postfit() {
  static ir::Module m = test::cabinetryTutorialModule();
  const Json &fit = test::cabinetryInference().at("fit");
  FitResult r;
  r.theta = fit.at("bestfit").get<std::vector<double>>();
  r.uncertainties = fit.at("uncertainty").get<std::vector<double>>();
  r.correlations = fit.at("corr_mat").get<std::vector<std::vector<double>>>();
  return postfitPrediction(m, observedData(m), r);
}

const Json &tables(const char *which) { return test::cabinetryInference().at("tables").at(which); }

/// Every cell of `t` against one of cabinetry's dicts (a row per sample,
/// keyed by "sample" and the header lines joined by "\n").
void expectCells(const YieldTable &t, const Json &dicts) {
  ASSERT_EQ(t.rows.size(), dicts.size());
  for (size_t r = 0; r < t.rows.size(); ++r) {
    EXPECT_EQ(t.rows[r][0].text, dicts[r].at("sample").get<std::string>());
    for (size_t c = 1; c < t.header.size(); ++c) {
      std::string key = t.header[c][0] + (t.header[c].size() > 1 ? "\n" + t.header[c][1] : "");
      EXPECT_EQ(t.rows[r][c].text, dicts[r].at(key).get<std::string>()) << key;
    }
  }
}

} // namespace

TEST(YieldTable, PrefitTextIsCabinetrysFile) {
  const Json &saved = tables("prefit").at("saved_simple");
  EXPECT_EQ(renderTable(yieldsPerBin(prefit()), TableFormat::Text),
            saved.at("yields_per_bin_pre-fit.txt").get<std::string>());
  EXPECT_EQ(renderTable(yieldsPerChannel(prefit()), TableFormat::Text),
            saved.at("yields_per_channel_pre-fit.txt").get<std::string>());
}

TEST(YieldTable, PostfitTextIsCabinetrysFile) {
  const Json &saved = tables("postfit").at("saved_simple");
  Prediction p = postfit();
  EXPECT_EQ(renderTable(yieldsPerBin(p), TableFormat::Text), saved.at("yields_per_bin_post-fit.txt").get<std::string>());
  EXPECT_EQ(renderTable(yieldsPerChannel(p), TableFormat::Text),
            saved.at("yields_per_channel_post-fit.txt").get<std::string>());
}

TEST(YieldTable, CellsAreCabinetrys) {
  expectCells(yieldsPerBin(prefit()), tables("prefit").at("dicts").at("yields_per_bin"));
  expectCells(yieldsPerChannel(prefit()), tables("prefit").at("dicts").at("yields_per_channel"));
  Prediction p = postfit();
  expectCells(yieldsPerBin(p), tables("postfit").at("dicts").at("yields_per_bin"));
  expectCells(yieldsPerChannel(p), tables("postfit").at("dicts").at("yields_per_channel"));
  EXPECT_EQ(yieldsPerBin(p).title, "yields per bin for post-fit model prediction");
}

TEST(YieldTable, OtherFormatsCarryTheCells) {
  YieldTable t = yieldsPerChannel(prefit());
  EXPECT_EQ(renderTable(t, TableFormat::Markdown), "| sample | Signal_region |\n"
                                                   "|:---|---:|\n"
                                                   "| Background | 384.71 \u00b1 136.41 |\n"
                                                   "| Signal | 49.75 \u00b1 2.49 |\n"
                                                   "| total | 434.46 \u00b1 136.79 |\n"
                                                   "| data | 414.00 |\n");
  std::string latex = renderTable(t, TableFormat::Latex);
  EXPECT_NE(latex.find("sample & Signal\\_region \\\\"), std::string::npos) << latex;
  EXPECT_NE(latex.find("Background & $384.71 \\pm 136.41$ \\\\"), std::string::npos) << latex;
  EXPECT_NE(latex.find("data & 414.00 \\\\"), std::string::npos) << latex;
  std::string html = renderTable(yieldsPerBin(prefit()), TableFormat::Html);
  EXPECT_NE(html.find("<th>Signal_region<br>bin 1</th>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td>Signal</td><td style=\"text-align: right\">0.00 \u00b1 0.00</td>"), std::string::npos)
      << html;
  std::string csv = renderTable(t, TableFormat::Csv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "sample,Signal_region,Signal_region stdev");
  // Unrounded numbers: the data total is exact, the sums carry all digits.
  EXPECT_NE(csv.find("\ndata,414,\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nBackground,384.71"), std::string::npos) << csv;
}

TEST(YieldTable, JsonHasEveryNumber) {
  Prediction p = prefit();
  Json j = predictionJson(p);
  const Json &ref = test::cabinetryInference().at("prediction").at("prefit");
  EXPECT_EQ(j.at("label"), "pre-fit");
  const Json &bkg = j.at("channels")[0].at("samples")[0];
  EXPECT_EQ(bkg.at("name"), "Background");
  for (size_t b = 0; b < 4; ++b) {
    EXPECT_PRED3(test::closeRelative, bkg.at("yields")[b].get<double>(), ref.at("model_yields")[0][0][b].get<double>(),
                 1e-10);
    EXPECT_PRED3(test::closeRelative, bkg.at("stdev")[b].get<double>(),
                 ref.at("total_stdev_model_bins")[0][0][b].get<double>(), 1e-10);
  }
  EXPECT_PRED3(test::closeRelative, j.at("channels")[0].at("total").at("total_stdev").get<double>(),
               ref.at("total_stdev_model_channels")[0][2].get<double>(), 1e-10);
  EXPECT_EQ(j.at("channels")[0].at("data_total").get<double>(), 414.0);
}

TEST(YieldTable, UnknownFormatIsAnInputError) {
  EXPECT_EQ(parseTableFormat("latex"), TableFormat::Latex);
  try {
    parseTableFormat("xlsx");
    FAIL();
  } catch (const InputError &e) {
    EXPECT_STREQ(e.what(), "error: --format: expected text, markdown, latex, html, csv or json, found \"xlsx\"");
  }
}
