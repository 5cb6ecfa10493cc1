//===- io/root/th1.cpp - TH1F, TH1D, TH1I, TH1S, TH1C ---------------------===//
//
// A 1-D histogram record is a frame of the concrete class around a TH1
// frame, followed by the contents as a TArray of the class's type:
//   TH1: TNamed, TAttLine/Fill/Marker (skipped), i32 fNcells, three TAxis,
//        bar offset/width, eight statistics doubles (fEntries first),
//        TArrayD fContour, TArrayD fSumw2, fOption, fFunctions, fBuffer, ...
//   TAxis: TNamed, TAttAxis (skipped), fNbins, fXmin, fXmax, TArrayD fXbins
// TH1 versions 5-8 and TAxis 6-10 share this prefix; everything after it
// is skipped by byte count, and every frame's count is checked.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "io/root/file_impl.h"
#include "io/root/objects.h"

#include <fmt/format.h>

#include <cmath>

namespace hf::root {

namespace {

struct Axis {
  int32_t nbins = 0;
  double xmin = 0, xmax = 0;
  std::vector<double> xbins;
};

Axis readAxis(Cursor &c, const char *which) {
  Frame f = readFrame(c, which);
  if (f.version < 6 || f.version > 10)
    c.failAtPos(f.start, fmt::format("{} version {} is not supported (6-10 are)", which, f.version));
  readTNamed(c);
  skipFramed(c, "TAttAxis");
  Axis a;
  std::size_t at = c.pos();
  a.nbins = c.i32();
  a.xmin = c.f64();
  a.xmax = c.f64();
  a.xbins = readArrayD(c, "fXbins");
  if (a.nbins < 1)
    c.failAtPos(at, fmt::format("{} has {} bins", which, a.nbins));
  endFrame(c, f, which);
  return a;
}

} // namespace

Histogram File::histogram(std::string_view objectPath) const {
  std::string what(objectPath);
  KeyHeader key = impl_->find(objectPath);
  const std::string &cls = key.className;
  auto fail = [&](std::string_view why) {
    throw InputError(fmt::format("{}: error: {}: {} (key at byte offset {})", impl_->path, what, why, key.offset));
  };
  if (cls.rfind("TH2", 0) == 0)
    fail(fmt::format("2-D histograms are not supported ({} is a {})", key.name, cls));
  if (cls.rfind("TH3", 0) == 0)
    fail(fmt::format("3-D histograms are not supported ({} is a {})", key.name, cls));
  char type = cls.size() == 4 && cls.rfind("TH1", 0) == 0 ? cls[3] : 0;
  if (type != 'F' && type != 'D' && type != 'I' && type != 'S' && type != 'C')
    fail(fmt::format("a {} is not a 1-D histogram (TH1F, TH1D, TH1I, TH1S or TH1C)", cls));

  Payload p;
  impl_->payload(key, what, p);
  Cursor c(p.data, p.origin, p.keylen);
  Frame outer = readFrame(c, cls);
  if (outer.version < 1 || outer.version > 3)
    c.failAtPos(outer.start, fmt::format("{} version {} is not supported (1-3 are)", cls, outer.version));
  Frame th1 = readFrame(c, "TH1");
  if (th1.version < 5 || th1.version > 8)
    c.failAtPos(th1.start, fmt::format("TH1 version {} is not supported (5-8 are)", th1.version));
  Histogram h;
  h.className = cls;
  Named named = readTNamed(c);
  h.name = named.name;
  h.title = named.title;
  skipFramed(c, "TAttLine");
  skipFramed(c, "TAttFill");
  skipFramed(c, "TAttMarker");
  std::size_t ncellsAt = c.pos();
  int32_t ncells = c.i32();
  Axis x = readAxis(c, "fXaxis");
  readAxis(c, "fYaxis");
  readAxis(c, "fZaxis");
  if (ncells != x.nbins + 2)
    c.failAtPos(ncellsAt, fmt::format("fNcells {} does not match {} bins (+2 for under/overflow)", ncells, x.nbins));
  c.i16(); // fBarOffset
  c.i16(); // fBarWidth
  h.entries = c.f64();
  c.skip(7 * 8); // fTsumw, fTsumw2, fTsumwx, fTsumwx2, fMaximum, fMinimum, fNormFactor
  readArrayD(c, "fContour");
  std::size_t sumw2At = c.pos();
  std::vector<double> sumw2 = readArrayD(c, "fSumw2");
  c.tstring(); // fOption
  skipFramed(c, "fFunctions");
  int32_t bufferSize = c.i32();
  if (bufferSize > 0 && c.u8() != 0 && c.f64() > 0)
    c.fail("the histogram was saved with unprocessed buffered fills (fBuffer); its bin contents are incomplete");
  endFrame(c, th1, "TH1");

  std::size_t contentsAt = c.pos();
  switch (type) {
  case 'F': h.contents = readArrayF(c, "bin contents"); break;
  case 'D': h.contents = readArrayD(c, "bin contents"); break;
  case 'I': h.contents = readArrayI(c, "bin contents"); break;
  case 'S': h.contents = readArrayS(c, "bin contents"); break;
  default: h.contents = readArrayC(c, "bin contents"); break;
  }
  endFrame(c, outer, cls, true);
  if (h.contents.size() != static_cast<std::size_t>(ncells))
    c.failAtPos(contentsAt, fmt::format("{} bin contents for {} cells", h.contents.size(), ncells));

  if (!x.xbins.empty()) {
    if (x.xbins.size() != static_cast<std::size_t>(x.nbins) + 1)
      fail(fmt::format("fXbins has {} edges for {} bins", x.xbins.size(), x.nbins));
    for (std::size_t i = 1; i < x.xbins.size(); ++i)
      if (!(x.xbins[i] > x.xbins[i - 1]))
        fail(fmt::format("bin edges are not increasing (edge {} is {}, edge {} is {})", i - 1, x.xbins[i - 1], i,
                         x.xbins[i]));
    h.edges = std::move(x.xbins);
  } else {
    if (!(x.xmax > x.xmin) || !std::isfinite(x.xmin) || !std::isfinite(x.xmax))
      fail(fmt::format("the axis range [{}, {}] is empty or not finite", x.xmin, x.xmax));
    // ROOT's TAxis::GetBinLowEdge: fXmin + i * (fXmax - fXmin) / fNbins.
    double width = (x.xmax - x.xmin) / x.nbins;
    h.edges.resize(static_cast<std::size_t>(x.nbins) + 1);
    for (int32_t i = 0; i <= x.nbins; ++i)
      h.edges[static_cast<std::size_t>(i)] = x.xmin + i * width;
  }
  if (sumw2.size() == h.contents.size()) {
    h.sumw2 = std::move(sumw2);
    h.hasSumw2 = true;
  } else if (sumw2.empty()) {
    h.sumw2 = h.contents;
  } else {
    c.failAtPos(sumw2At, fmt::format("fSumw2 has {} entries for {} cells", sumw2.size(), ncells));
  }
  return h;
}

} // namespace hf::root
