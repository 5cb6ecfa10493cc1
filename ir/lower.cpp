//===- ir/lower.cpp - ModelSpec -> IR Module ------------------------------===//
//
// Lowering runs in four steps, each a function below:
//  1. checkStructure: the semantic checks the schema cannot express (unique
//     names, bin counts, observations) and the sorted views pyhf uses.
//  2. collectParamSets: the walk of histfactory.md §3 that fixes the order of
//     parameter sets, with each set's defaults and the sharing rules (§4, §5).
//  3. applySettings: the measurement's overrides (§6), then the flat table.
//  4. emitRates / emitConstraints: the dataflow (§7, §8, §9).
//
//===----------------------------------------------------------------------===//
#include "ir/lower.h"

#include "frontend/nearest_name.h"

#include "frontend/diagnostics.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace hf::ir {

InterpCodes parseInterpCodes(const std::string &text) {
  InterpCodes codes;
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t eq = item.find('=');
    std::string key = item.substr(0, eq), value = eq == std::string::npos ? "" : item.substr(eq + 1);
    if (key == "normsys" && (value == "code1" || value == "code4"))
      codes.normsys = value;
    else if (key == "histosys" && (value == "code0" || value == "code2" || value == "code4p"))
      codes.histosys = value;
    else
      throw InputError(fmt::format(
          "error: --interp: cannot use \"{}\" (expected normsys=code1|code4 and/or "
          "histosys=code0|code2|code4p, comma-separated)",
          item));
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return codes;
}

namespace {

// pyhf's par_order groups parameter sets by type in this order (§3).
constexpr ModifierType kTypeOrder[] = {ModifierType::HistoSys,    ModifierType::Lumi,
                                       ModifierType::NormFactor,  ModifierType::NormSys,
                                       ModifierType::ShapeFactor, ModifierType::ShapeSys,
                                       ModifierType::StatError};

int typeRank(ModifierType t) {
  for (int i = 0; i < 7; ++i)
    if (kTypeOrder[i] == t)
      return i;
  return 7;
}

/// A channel with its samples and modifiers in the order pyhf walks them.
struct SortedChannel {
  const Channel *channel;
  const Observation *observation;
  uint32_t offset;
  std::vector<const Sample *> samples;                       // sorted by name
  std::map<const Sample *, std::vector<const Modifier *>> mods; // sorted by (name, type)
};

struct Structure {
  std::vector<SortedChannel> channels;
  std::vector<std::string> sampleNames; // global, sorted
  uint32_t nMain = 0;
};

Structure checkStructure(const ModelSpec &spec) {
  Structure st;
  std::map<std::string, const Channel *> byName;
  for (const Channel &c : spec.channels) {
    auto [it, inserted] = byName.emplace(c.name, &c);
    if (!inserted)
      failAt(c.loc.child("name"), fmt::format("duplicate channel name \"{}\" (first defined at {})",
                                              c.name, it->second->loc.str()));
  }
  std::map<std::string, const Observation *> observations;
  for (const Observation &o : spec.observations) {
    auto [it, inserted] = observations.emplace(o.name, &o);
    if (!inserted)
      failAt(o.loc.child("name"), fmt::format("duplicate observation for channel \"{}\" (first at {})",
                                              o.name, it->second->loc.str()));
  }

  std::set<std::string> sampleNames;
  for (auto &[name, c] : byName) {
    SortedChannel sc{c, nullptr, st.nMain, {}, {}};
    size_t nbins = c->nbins();
    std::map<std::string, const Sample *> samples;
    for (const Sample &s : c->samples) {
      auto [it, inserted] = samples.emplace(s.name, &s);
      if (!inserted)
        failAt(s.loc.child("name"), fmt::format("duplicate sample \"{}\" in channel \"{}\" (first at {})",
                                                s.name, c->name, it->second->loc.str()));
      if (s.data.size() != nbins)
        failAt(s.loc.child("data"),
               fmt::format("sample \"{}\" has {} bin{} but channel \"{}\" has {} (the length of its "
                           "first sample's data)",
                           s.name, s.data.size(), s.data.size() == 1 ? "" : "s", c->name, nbins));
      for (size_t b = 0; b < s.data.size(); ++b)
        if (!std::isfinite(s.data[b]))
          failAt(s.loc.child("data").child(b), "expected a finite rate");
      std::vector<const Modifier *> mods;
      std::map<std::pair<std::string, int>, const Modifier *> seen;
      for (const Modifier &m : s.modifiers) {
        auto [mit, fresh] = seen.emplace(std::make_pair(m.name, int(m.type)), &m);
        if (!fresh)
          failAt(m.loc, fmt::format("modifier \"{}\" of type {} appears twice in sample \"{}\" (first "
                                    "at {})",
                                    m.name, modifierTypeName(m.type), s.name, mit->second->loc.str()));
        auto checkLength = [&](const std::vector<double> &v, const char *key) {
          if (v.size() != nbins)
            failAt(m.loc.child("data").child(key), fmt::format("{} \"{}\" has {} values but sample \"{}\" "
                                                               "has {} bins",
                                                               modifierTypeName(m.type), m.name,
                                                               v.size(), s.name, nbins));
        };
        if (m.type == ModifierType::HistoSys) {
          checkLength(m.hiData, "hi_data");
          checkLength(m.loData, "lo_data");
        }
        if ((m.type == ModifierType::ShapeSys || m.type == ModifierType::StatError) &&
            m.data.size() != nbins)
          failAt(m.loc.child("data"), fmt::format("{} \"{}\" has {} values but sample \"{}\" has {} bins",
                                                  modifierTypeName(m.type), m.name, m.data.size(),
                                                  s.name, nbins));
        mods.push_back(&m);
      }
      std::sort(mods.begin(), mods.end(), [](const Modifier *a, const Modifier *b) {
        return std::make_pair(a->name, std::string(modifierTypeName(a->type))) <
               std::make_pair(b->name, std::string(modifierTypeName(b->type)));
      });
      sc.mods[&s] = std::move(mods);
      sampleNames.insert(s.name);
    }
    for (auto &[sname, s] : samples)
      sc.samples.push_back(s);

    auto obs = observations.find(c->name);
    if (obs == observations.end())
      failAt(c->loc, fmt::format("channel \"{}\" has no observation (add {{\"name\": \"{}\", \"data\": "
                                 "[...]}} to /observations)",
                                 c->name, c->name));
    if (obs->second->data.size() != nbins)
      failAt(obs->second->loc.child("data"),
             fmt::format("the observation of channel \"{}\" has {} bins but the channel has {}",
                         c->name, obs->second->data.size(), nbins));
    sc.observation = obs->second;
    st.nMain += static_cast<uint32_t>(nbins);
    st.channels.push_back(std::move(sc));
  }
  st.sampleNames.assign(sampleNames.begin(), sampleNames.end());
  return st;
}

/// One modifier acting on one (channel, sample), as met in the walk.
struct Use {
  const SortedChannel *channel;
  const Sample *sample;
  const Modifier *modifier;
};

/// A parameter set before the measurement's overrides: pyhf's defaults.
struct PendingSet {
  std::string name;
  std::vector<ModifierType> types; // in order of first use
  std::vector<Use> uses;
  uint32_t size = 1;
  bool scalar = true;
  Constraint constraint = Constraint::None;
  std::vector<double> inits;
  std::vector<std::array<double, 2>> bounds;
  std::vector<bool> fixed;
  std::vector<double> auxdata;
  std::vector<double> widths; // Gauss σ or Poisson τ
  // staterror: the channels it covers, with each one's first component.
  std::vector<std::pair<const SortedChannel *, uint32_t>> coveredChannels;
};

std::string describeUse(const Use &u) {
  return fmt::format("{} \"{}\" on sample \"{}\" of channel \"{}\" ({})",
                     modifierTypeName(u.modifier->type), u.modifier->name, u.sample->name,
                     u.channel->channel->name, u.modifier->loc.str());
}

/// The walk of §3: every (channel, sample, modifier) in pyhf's order.
std::vector<Use> walk(const Structure &st) {
  std::vector<Use> uses;
  for (const SortedChannel &sc : st.channels)
    for (const Sample *s : sc.samples)
      for (const Modifier *m : sc.mods.at(s))
        uses.push_back({&sc, s, m});
  return uses;
}

/// Fills the defaults of a set of `type` from its first use(s).
void setDefaults(PendingSet &ps, ModifierType type) {
  const Use &first = ps.uses.front();
  switch (type) {
  case ModifierType::NormFactor:
    ps.inits = {1.0};
    ps.bounds = {{0.0, 10.0}};
    break;
  case ModifierType::Lumi: // everything comes from the measurement (applySettings)
    ps.constraint = Constraint::Gauss;
    break;
  case ModifierType::NormSys:
  case ModifierType::HistoSys:
    ps.inits = {0.0};
    ps.bounds = {{-5.0, 5.0}};
    ps.constraint = Constraint::Gauss;
    ps.auxdata = {0.0};
    ps.widths = {1.0};
    break;
  case ModifierType::ShapeFactor:
    ps.scalar = false;
    ps.size = static_cast<uint32_t>(first.channel->channel->nbins());
    ps.inits.assign(ps.size, 1.0);
    ps.bounds.assign(ps.size, {0.0, 10.0});
    break;
  case ModifierType::ShapeSys: {
    ps.scalar = false;
    ps.constraint = Constraint::Poisson;
    ps.size = static_cast<uint32_t>(first.sample->data.size());
    ps.inits.assign(ps.size, 1.0);
    ps.bounds.assign(ps.size, {1e-10, 10.0});
    for (uint32_t b = 0; b < ps.size; ++b) {
      double nominal = first.sample->data[b], delta = first.modifier->data[b];
      bool valid = nominal > 0 && delta > 0;
      double tau = valid ? (nominal * nominal) / (delta * delta) : 1.0;
      ps.fixed.push_back(!valid);
      ps.auxdata.push_back(tau);
      ps.widths.push_back(tau);
    }
    break;
  }
  case ModifierType::StatError:
    ps.scalar = false;
    ps.constraint = Constraint::Gauss;
    return; // sized, and its per-bin flags set, by finishStatError
  }
  if (ps.fixed.empty())
    ps.fixed.assign(ps.size, false);
}

/// staterror: the covered bins, the shared σ per bin (§4.7).
void finishStatError(PendingSet &ps) {
  std::map<const SortedChannel *, std::set<std::string>> carriers;
  std::set<std::string> allCarriers;
  for (const Use &u : ps.uses) {
    if (u.modifier->type != ModifierType::StatError)
      continue;
    carriers[u.channel].insert(u.sample->name);
    allCarriers.insert(u.sample->name);
  }
  // Channels in sorted order: the map is keyed by pointer, so order by offset.
  std::vector<const SortedChannel *> channels;
  for (auto &[sc, names] : carriers)
    channels.push_back(sc);
  std::sort(channels.begin(), channels.end(),
            [](auto *a, auto *b) { return a->offset < b->offset; });
  for (const SortedChannel *sc : channels)
    if (carriers[sc] != carriers[channels.front()])
      failAt(sc->channel->loc,
             fmt::format("staterror \"{}\" is carried by samples {} in channel \"{}\" but by {} in "
                         "channel \"{}\"; a staterror shared across channels needs the same samples "
                         "in each",
                         ps.name, fmt::join(carriers[sc], ","), sc->channel->name,
                         fmt::join(carriers[channels.front()], ","),
                         channels.front()->channel->name));

  ps.size = 0;
  for (const SortedChannel *sc : channels) {
    ps.coveredChannels.push_back({sc, ps.size});
    size_t nbins = sc->channel->nbins();
    for (size_t b = 0; b < nbins; ++b) {
      // Carrying samples in sorted name order: N_b first, then Σ (δ/N_b)².
      double total = 0;
      for (const Sample *s : sc->samples)
        if (allCarriers.count(s->name))
          total += s->data[b];
      double sumsq = 0;
      if (total > 0) {
        for (const Sample *s : sc->samples) {
          if (!allCarriers.count(s->name))
            continue;
          for (const Modifier *m : sc->mods.at(s))
            if (m->type == ModifierType::StatError && m->name == ps.name) {
              double r = m->data[b] / total;
              sumsq += r * r;
            }
        }
      }
      double sigma = total > 0 ? std::sqrt(sumsq) : 0.0;
      ps.fixed.push_back(sigma == 0.0);
      ps.widths.push_back(sigma == 0.0 ? 1.0 : sigma);
      ps.auxdata.push_back(1.0);
      ps.inits.push_back(1.0);
      ps.bounds.push_back({1e-10, 10.0});
    }
    ps.size += static_cast<uint32_t>(nbins);
  }
}

std::vector<PendingSet> collectParamSets(const Structure &st) {
  std::vector<Use> uses = walk(st);
  // First encounter of each (name, type), and all uses of each name.
  std::map<std::string, size_t> index; // name -> position in `sets`
  std::vector<PendingSet> sets;
  std::vector<std::vector<std::pair<std::string, ModifierType>>> firstByType(7);
  for (const Use &u : uses) {
    const Modifier &m = *u.modifier;
    auto [it, fresh] = index.emplace(m.name, sets.size());
    if (fresh) {
      sets.push_back({});
      sets.back().name = m.name;
    }
    PendingSet &ps = sets[it->second];
    if (std::find(ps.types.begin(), ps.types.end(), m.type) == ps.types.end()) {
      if (!ps.types.empty()) {
        // Only normsys and histosys define identical parameters (§5).
        bool compatible = true;
        for (ModifierType t : ps.types)
          compatible = compatible && ((t == ModifierType::NormSys && m.type == ModifierType::HistoSys) ||
                                      (t == ModifierType::HistoSys && m.type == ModifierType::NormSys));
        if (!compatible) {
          const Use &other = ps.uses.front();
          failAt(m.loc, fmt::format("modifier name \"{}\" is used as {} here and as {} ({}); the two "
                                    "types define different parameters, so use unique modifier names",
                                    m.name, modifierTypeName(m.type),
                                    modifierTypeName(other.modifier->type), other.modifier->loc.str()));
        }
      }
      ps.types.push_back(m.type);
      firstByType[typeRank(m.type)].push_back({m.name, m.type});
    } else if (m.type == ModifierType::ShapeSys) {
      const Use &other = ps.uses.front();
      failAt(m.loc, fmt::format("shapesys \"{}\" is used again here after {}; a shapesys belongs to one "
                                "sample of one channel, so give each its own name",
                                m.name, describeUse(other)));
    }
    ps.uses.push_back(u);
  }

  // par_order: by type group, then first encounter; a normsys+histosys name
  // sits in the histosys group.
  std::vector<PendingSet> ordered;
  std::set<std::string> placed;
  for (auto &group : firstByType) {
    for (auto &[name, type] : group) {
      if (!placed.insert(name).second)
        continue;
      PendingSet ps = std::move(sets[index[name]]);
      ModifierType defining = type;
      setDefaults(ps, defining);
      if (defining == ModifierType::StatError)
        finishStatError(ps);
      ordered.push_back(std::move(ps));
    }
  }

  // shapefactor: components are indexed by bin; a longer channel would read
  // past the set (pyhf silently reads θ[0] there).
  for (const PendingSet &ps : ordered) {
    if (ps.types.front() != ModifierType::ShapeFactor)
      continue;
    for (const Use &u : ps.uses)
      if (u.channel->channel->nbins() > ps.size)
        failAt(u.modifier->loc,
               fmt::format("shapefactor \"{}\" has {} components (the bins of channel \"{}\", where it "
                           "is first used) but channel \"{}\" has {} bins",
                           ps.name, ps.size, ps.uses.front().channel->channel->name,
                           u.channel->channel->name, u.channel->channel->nbins()));
  }
  return ordered;
}

/// Applies one override list to its set, with the checks of §6.
void applySettings(std::vector<PendingSet> &sets, const Measurement &measurement) {
  std::map<std::string, const ParameterSetting *> settings;
  for (const ParameterSetting &p : measurement.parameters) {
    auto [it, fresh] = settings.emplace(p.name, &p);
    if (!fresh)
      failAt(p.loc, fmt::format("parameter \"{}\" is configured twice in measurement \"{}\" (first at "
                                "{})",
                                p.name, measurement.name, it->second->loc.str()));
  }
  for (PendingSet &ps : sets) {
    ModifierType type = ps.types.front();
    const char *typeName = modifierTypeName(type);
    auto it = settings.find(ps.name);
    if (it == settings.end()) {
      if (type == ModifierType::Lumi)
        failAt(measurement.loc,
               fmt::format("the lumi parameter needs inits, bounds and auxdata in measurement \"{}\" "
                           "(pyhf has no defaults for it), e.g. {{\"name\": \"lumi\", \"auxdata\": "
                           "[1.0], \"sigmas\": [0.017], \"inits\": [1.0], \"bounds\": [[0.915, "
                           "1.085]]}}",
                           measurement.name));
      continue;
    }
    const ParameterSetting &p = *it->second;
    auto checkLength = [&](size_t n, const char *key) {
      if (n != ps.size)
        failAt(p.loc.child(key), fmt::format("{} has {} entries but {} \"{}\" has {} component{}", key,
                                             n, typeName, ps.name, ps.size, ps.size == 1 ? "" : "s"));
    };
    auto refuse = [&](const char *key, const char *appliesTo) {
      failAt(p.loc.child(key), fmt::format("\"{}\" does not apply to {} parameter \"{}\" (it applies "
                                           "to {})",
                                           key, typeName, ps.name, appliesTo));
    };
    if (type == ModifierType::Lumi) {
      if (!p.inits || !p.bounds || !p.auxdata)
        failAt(p.loc, fmt::format("the lumi parameter needs \"inits\", \"bounds\" and \"auxdata\" (pyhf "
                                  "has no defaults for it); missing: {}{}{}",
                                  p.inits ? "" : "inits ", p.bounds ? "" : "bounds ",
                                  p.auxdata ? "" : "auxdata"));
      ps.widths = {1.0};
    }
    if (p.inits) {
      checkLength(p.inits->size(), "inits");
      ps.inits = *p.inits;
    }
    if (p.bounds) {
      checkLength(p.bounds->size(), "bounds");
      ps.bounds = *p.bounds;
    }
    if (p.fixed)
      ps.fixed.assign(ps.size, *p.fixed);
    // An init outside its bounds would only surface as a failed fit; say
    // which number is wrong (the init, or the bounds when only they are set).
    for (size_t i = 0; i < ps.inits.size() && i < ps.bounds.size(); ++i) {
      double init = ps.inits[i], lo = ps.bounds[i][0], hi = ps.bounds[i][1];
      if (!(lo <= hi))
        failAt(p.loc.child("bounds").child(i),
               fmt::format("bounds [{}, {}] of parameter \"{}\" are empty or not numbers", lo, hi, ps.name));
      if (!(init >= lo && init <= hi))
        failAt(p.inits ? p.loc.child("inits").child(i) : p.loc.child("bounds").child(i),
               fmt::format("init {} of parameter \"{}\"{} lies outside its bounds [{}, {}]", init, ps.name,
                           ps.scalar ? "" : fmt::format("[{}]", i), lo, hi));
    }
    if (p.auxdata) {
      if (ps.constraint == Constraint::None)
        refuse("auxdata", "constrained parameters only");
      checkLength(p.auxdata->size(), "auxdata");
      ps.auxdata = *p.auxdata;
    }
    if (p.sigmas) {
      if (type != ModifierType::Lumi && type != ModifierType::StatError)
        refuse("sigmas", "lumi and staterror");
      checkLength(p.sigmas->size(), "sigmas");
      ps.widths = *p.sigmas;
    }
    if (p.factors) {
      if (type != ModifierType::ShapeSys)
        refuse("factors", "shapesys");
      checkLength(p.factors->size(), "factors");
      ps.widths = *p.factors;
    }
  }
}

/// Builds the op graph: one instance per module being lowered.
class Emitter {
public:
  Emitter(Module &m, const InterpCodes &codes) : m_(m), codes_(codes) {}

  ValueId param(uint32_t index) {
    auto it = paramValues_.find(index);
    if (it != paramValues_.end())
      return it->second;
    Op op{OpKind::Param};
    op.index = {index};
    op.note = m_.params[index].name;
    return paramValues_[index] = m_.append(std::move(op));
  }

  ValueId paramVec(std::vector<uint32_t> indices, std::string note) {
    Op op{OpKind::ParamVec, static_cast<uint32_t>(indices.size())};
    op.index = std::move(indices);
    op.note = std::move(note);
    return m_.append(std::move(op));
  }

  ValueId constVec(std::vector<double> values, std::string note) {
    Op op{OpKind::ConstVec, static_cast<uint32_t>(values.size())};
    op.data = std::move(values);
    op.note = std::move(note);
    return m_.append(std::move(op));
  }

  ValueId slice(OpKind kind, uint32_t offset, uint32_t width, std::string note) {
    Op op{kind, width};
    op.index = {offset};
    op.note = std::move(note);
    return m_.append(std::move(op));
  }

  ValueId binary(OpKind kind, ValueId a, ValueId b, std::string note = {}) {
    Op op{kind, std::max(m_.ops[a].width, m_.ops[b].width)};
    op.operands = {a, b};
    op.note = std::move(note);
    return m_.append(std::move(op));
  }

  /// Folds `values` with Add; nothing when empty.
  std::optional<ValueId> sum(const std::vector<ValueId> &values, const std::string &note) {
    if (values.empty())
      return std::nullopt;
    ValueId acc = values.front();
    for (size_t i = 1; i < values.size(); ++i)
      acc = binary(OpKind::Add, acc, values[i], i + 1 == values.size() ? note : "");
    return acc;
  }

  /// Σ over the sample's histosys modifiers of their deltas, one op.
  ValueId histoSum(const std::vector<const Modifier *> &mods, const std::vector<uint32_t> &alphas,
                   ValueId nominal, const std::string &where) {
    uint32_t code = codes_.histosys == "code0" ? 0 : codes_.histosys == "code2" ? 2 : 4;
    ValueId alpha = paramVec(alphas, "α of histosys on " + where);
    Op op{OpKind::HistoSum, m_.ops[nominal].width};
    op.operands = {alpha, nominal};
    op.index = {code};
    for (const Modifier *mod : mods)
      op.data.insert(op.data.end(), mod->loData.begin(), mod->loData.end());
    for (const Modifier *mod : mods)
      op.data.insert(op.data.end(), mod->hiData.begin(), mod->hiData.end());
    op.note = "Σ histosys deltas on " + where;
    return m_.append(std::move(op));
  }

  /// Π over the sample's normsys modifiers of their factors, one op.
  ValueId normProd(const std::vector<const Modifier *> &mods, const std::vector<uint32_t> &alphas,
                   const std::string &where) {
    ValueId alpha = paramVec(alphas, "α of normsys on " + where);
    Op op{OpKind::NormProd, 0};
    op.operands = {alpha};
    op.index = {codes_.normsys == "code1" ? 1u : 4u};
    for (const Modifier *mod : mods)
      op.data.push_back(mod->lo);
    for (const Modifier *mod : mods)
      op.data.push_back(mod->hi);
    op.note = "Π normsys factors on " + where;
    return m_.append(std::move(op));
  }

private:
  Module &m_;
  const InterpCodes &codes_;
  std::map<uint32_t, ValueId> paramValues_;
};

/// The θ indices a per-bin set (shapesys, staterror, shapefactor) uses on
/// the bins of channel `sc`.
std::vector<uint32_t> componentsOn(const PendingSet &ps, const ParamSet &set, const SortedChannel &sc) {
  uint32_t first = 0;
  for (auto &[covered, start] : ps.coveredChannels)
    if (covered == &sc)
      first = start;
  std::vector<uint32_t> indices;
  for (uint32_t b = 0; b < sc.channel->nbins(); ++b)
    indices.push_back(set.start + first + b);
  return indices;
}

void emitRates(Module &m, Emitter &e, const Structure &st, const std::vector<PendingSet> &sets,
               std::vector<ValueId> &terms) {
  std::map<std::string, size_t> setIndex;
  for (size_t i = 0; i < sets.size(); ++i)
    setIndex[sets[i].name] = i;

  for (const SortedChannel &sc : st.channels) {
    const std::string &cname = sc.channel->name;
    uint32_t nbins = static_cast<uint32_t>(sc.channel->nbins());
    std::vector<ValueId> rates;
    for (const Sample *s : sc.samples) {
      std::string where = fmt::format("{}/{}", cname, s->name);
      ValueId nominal = e.constVec(s->data, where + " nominal");
      const auto &mods = sc.mods.at(s);

      // Σ histosys deltas (sorted by name), then the nominal added (§7).
      std::vector<const Modifier *> histo, norm;
      std::vector<uint32_t> histoAlphas, normAlphas;
      for (const Modifier *mod : mods) {
        uint32_t alpha = m.paramsets[setIndex[mod->name]].start;
        if (mod->type == ModifierType::HistoSys) {
          histo.push_back(mod);
          histoAlphas.push_back(alpha);
        } else if (mod->type == ModifierType::NormSys) {
          norm.push_back(mod);
          normAlphas.push_back(alpha);
        }
      }
      ValueId base = nominal;
      if (!histo.empty())
        base = e.binary(OpKind::Add, e.histoSum(histo, histoAlphas, nominal, where), nominal,
                        where + " nominal + deltas");

      // Factors by type (lumi, normfactor, normsys, shapefactor, shapesys,
      // staterror), each type in name order.
      std::vector<ValueId> factors;
      for (ModifierType type : kTypeOrder) {
        for (const Modifier *mod : mods) {
          if (mod->type != type || type == ModifierType::HistoSys)
            continue;
          const PendingSet &ps = sets[setIndex[mod->name]];
          const ParamSet &set = m.paramsets[setIndex[mod->name]];
          switch (type) {
          case ModifierType::Lumi:
          case ModifierType::NormFactor:
            factors.push_back(e.param(set.start));
            break;
          case ModifierType::NormSys:
            if (mod == norm.front()) // all of them, in one op
              factors.push_back(e.normProd(norm, normAlphas, where));
            break;
          default:
            factors.push_back(e.paramVec(componentsOn(ps, set, sc),
                                         fmt::format("{} {} on {}", modifierTypeName(type), mod->name,
                                                     cname)));
            break;
          }
        }
      }
      ValueId rate = base;
      if (!factors.empty()) {
        ValueId product = factors.front();
        for (size_t i = 1; i < factors.size(); ++i)
          product = e.binary(OpKind::Mul, product, factors[i]);
        rate = e.binary(OpKind::Mul, product, base, where + " rate");
      }
      rates.push_back(rate);
      m.sampleRates.push_back({static_cast<uint32_t>(&sc - st.channels.data()), s->name, rate});
    }
    ValueId lambda = *e.sum(rates, cname + " expected");
    m.outputs.push_back({OutputKind::ExpectedMain, lambda, sc.offset});
    ValueId observed = e.slice(OpKind::Data, sc.offset, nbins, cname + " observed");
    Op poisson{OpKind::PoissonLogPdf, 0};
    poisson.operands = {observed, lambda};
    poisson.note = cname + " main term";
    terms.push_back(m.append(std::move(poisson)));
  }
}

/// One constraint term per run of constrained parameter sets of one kind
/// (unconstrained sets in between take no auxiliary data): their auxiliary
/// data are one contiguous slice, so one op — one loop in compiled code —
/// covers them all.
void emitConstraints(Module &m, Emitter &e, std::vector<ValueId> &terms) {
  std::vector<const ParamSet *> constrained;
  for (const ParamSet &set : m.paramsets)
    if (set.constraint != Constraint::None)
      constrained.push_back(&set);
  for (size_t first = 0; first < constrained.size();) {
    Constraint kind = constrained[first]->constraint;
    size_t last = first;
    while (last + 1 < constrained.size() && constrained[last + 1]->constraint == kind)
      ++last;
    std::vector<uint32_t> indices;
    std::vector<double> widths;
    for (size_t k = first; k <= last; ++k) {
      for (uint32_t i = 0; i < constrained[k]->size; ++i)
        indices.push_back(constrained[k]->start + i);
      widths.insert(widths.end(), constrained[k]->widths.begin(), constrained[k]->widths.end());
    }
    std::string what = first == last ? constrained[first]->name
                                     : fmt::format("{} .. {}", constrained[first]->name, constrained[last]->name);
    uint32_t auxStart = constrained[first]->auxStart;
    ValueId theta = e.paramVec(indices, what);
    ValueId aux = e.slice(OpKind::Aux, auxStart, static_cast<uint32_t>(indices.size()), what + " auxdata");
    if (kind == Constraint::Gauss) {
      ValueId sigma = e.constVec(widths, what + " σ");
      Op op{OpKind::GaussLogPdf, 0};
      op.operands = {aux, theta, sigma};
      op.note = what + " constraints";
      terms.push_back(m.append(std::move(op)));
      m.outputs.push_back({OutputKind::ExpectedAux, theta, auxStart});
    } else {
      ValueId tau = e.constVec(widths, what + " τ");
      ValueId rate = e.binary(OpKind::Mul, theta, tau, what + " θτ");
      Op op{OpKind::PoissonLogPdf, 0};
      op.operands = {aux, rate};
      op.note = what + " constraints";
      terms.push_back(m.append(std::move(op)));
      m.outputs.push_back({OutputKind::ExpectedAux, rate, auxStart});
    }
    first = last + 1;
  }
}

} // namespace

Module lower(const ModelSpec &spec, const InterpCodes &codes) {
  Structure st = checkStructure(spec);
  std::vector<PendingSet> sets = collectParamSets(st);
  if (sets.empty())
    failAt(spec.channels.front().loc.child("samples"),
           "the model has no parameters (no sample carries a modifier); pyhf needs at least one");
  applySettings(sets, spec.measurement);

  Module m;
  m.normsysCode = codes.normsys;
  m.histosysCode = codes.histosys;
  m.nMain = st.nMain;
  m.samples = st.sampleNames;
  for (const SortedChannel &sc : st.channels) {
    m.channels.push_back({sc.channel->name, sc.offset, static_cast<uint32_t>(sc.channel->nbins())});
    m.observedMain.insert(m.observedMain.end(), sc.observation->data.begin(),
                          sc.observation->data.end());
  }

  for (const PendingSet &ps : sets) {
    ParamSet set;
    set.name = ps.name;
    for (ModifierType t : ps.types)
      set.types.push_back(modifierTypeName(t));
    std::sort(set.types.begin(), set.types.end());
    set.start = static_cast<uint32_t>(m.params.size());
    set.size = ps.size;
    set.scalar = ps.scalar;
    set.constraint = ps.constraint;
    if (ps.constraint != Constraint::None) {
      set.auxStart = m.nAux;
      set.auxdata = ps.auxdata;
      set.widths = ps.widths;
      m.nAux += ps.size;
      m.nominalAux.insert(m.nominalAux.end(), ps.auxdata.begin(), ps.auxdata.end());
    }
    uint32_t setIndex = static_cast<uint32_t>(m.paramsets.size());
    for (uint32_t i = 0; i < ps.size; ++i) {
      Parameter p;
      p.name = ps.scalar ? ps.name : fmt::format("{}[{}]", ps.name, i);
      p.paramset = setIndex;
      p.component = i;
      p.init = ps.inits[i];
      p.lo = ps.bounds[i][0];
      p.hi = ps.bounds[i][1];
      p.fixed = ps.fixed[i];
      m.params.push_back(std::move(p));
    }
    m.paramsets.push_back(std::move(set));
  }

  m.poiName = spec.measurement.poi;
  if (!m.poiName.empty()) {
    for (const ParamSet &set : m.paramsets) {
      if (set.name != m.poiName)
        continue;
      if (set.size != 1)
        failAt(spec.measurement.loc.child("config").child("poi"),
               fmt::format("the POI \"{}\" has {} components; a POI must be a single parameter",
                           m.poiName, set.size));
      m.poiIndex = static_cast<int>(set.start);
    }
    // A POI is a normfactor; one whose name is near the POI's is a typo
    // (mu_SIG for mu, poi nu in .hf), refused here where the file and the
    // place are known. Far from every normfactor it is a background-only
    // workspace, which stays usable (inspect, fits) until a test needs a POI.
    if (m.poiIndex < 0) {
      std::vector<std::string> normfactors;
      for (const ParamSet &set : m.paramsets)
        if (std::find(set.types.begin(), set.types.end(), "normfactor") != set.types.end())
          normfactors.push_back(set.name);
      std::string near = nearestName(m.poiName, normfactors);
      if (!near.empty())
        failAt(spec.measurement.loc.child("config").child("poi"),
               fmt::format("the POI \"{}\" is not a parameter of this model (did you mean \"{}\"?)", m.poiName,
                           near));
    }
  }

  Emitter e(m, codes);
  std::vector<ValueId> mainTerms, constraintTerms;
  emitRates(m, e, st, sets, mainTerms);
  emitConstraints(m, e, constraintTerms);
  ValueId logpdf = *e.sum(mainTerms, "Σ main terms");
  if (auto constraints = e.sum(constraintTerms, "Σ constraint terms"))
    logpdf = e.binary(OpKind::Add, logpdf, *constraints, "logpdf");
  m.outputs.push_back({OutputKind::LogPdf, logpdf, 0});
  return m;
}

} // namespace hf::ir
