"""hfc.Model: a compiled model with pyhf's model.config and evaluation methods.

logpdf, logpdf_grad, expected_data come straight from the extension module
(hfc._core.Model, no Python frame in between); this class adds pyhf's
`config` and what hfc.infer needs: the data an inference call is given, and a
lock, because one model's inference (its cached fits) is not thread-safe
while its evaluation is.
"""
import threading

import numpy as np

from hfc import _core


class ModelConfig:
    """pyhf's model.config: the parameter table and the data layout."""

    def __init__(self, core):
        self._core = core
        self.par_names = list(core._par_names)
        # A background-only model (the measurement's POI is in no sample) has none, as in pyhf.
        self.poi_name = core._poi_name if core._poi_name in self.par_names else None
        self.poi_index = self.par_names.index(self.poi_name) if self.poi_name else None
        self.npars = len(self.par_names)
        channels = core._channels
        self.channels = [name for name, _ in channels]
        self.channel_nbins = {name: n for name, n in channels}
        self.nmaindata = sum(n for _, n in channels)
        observed = core._observed_data()
        self.auxdata = observed[self.nmaindata:].tolist()
        self.nauxdata = len(self.auxdata)
        self._inits = core._inits
        self._bounds = [tuple(b) for b in core._bounds]
        self._fixed = list(core._fixed)

    def suggested_init(self):
        """The measurement's initial values, pyhf's order (a new float64 array)."""
        return self._inits.copy()

    def suggested_bounds(self):
        """(lo, hi) per parameter."""
        return list(self._bounds)

    def suggested_fixed(self):
        """True for each parameter the measurement holds fixed."""
        return list(self._fixed)

    def par_index(self, name):
        """The index of parameter `name` (per-bin parameters: "name[i]")."""
        try:
            return self.par_names.index(name)
        except ValueError:
            raise _core.InvalidInput(f'error: unknown parameter "{name}" (model.config.par_names lists them)') from None

    def __repr__(self):
        return f"<hfc.ModelConfig: {self.npars} parameters, POI {self.poi_name}, {self.nmaindata} main bins>"


class Model(_core.Model):
    """A compiled HistFactory model; make one with hfc.Workspace(...).model().

    logpdf(pars, data) -> float64 array of shape (1,) as pyhf's
    logpdf_grad(pars, data) -> d logpdf / d pars, shape (npars,)
    expected_data(pars, include_auxdata=True), expected_actualdata(pars)
    pars and data are float64 numpy arrays (used in place, views included)
    or lists of numbers; anything else is a ValueError.
    """

    def __init__(self, workspace_json, measurement="", interp="", interpreter=False, cache_dir=""):
        super().__init__(workspace_json, measurement, interp, interpreter, cache_dir)
        self.config = ModelConfig(self)
        self._lock = threading.Lock()
        self._data = self._observed_data()

    def expected_actualdata(self, pars):
        """The expected main-bin yields at pars, channels in pyhf's order."""
        return self.expected_data(pars, include_auxdata=False)

    def expected_auxdata(self, pars):
        return self.expected_data(pars)[self.config.nmaindata:]

    def _use(self, data):
        """Makes `data` (main + aux) the data inference runs on; the caller holds _lock."""
        values = np.asarray(data, dtype=np.float64) if not isinstance(data, np.ndarray) else data
        if values.ndim != 1 or values.shape[0] != self._data.shape[0]:
            raise ValueError(
                f"data: expected {self._data.shape[0]} values (main followed by auxiliary data), "
                f"got shape {values.shape}")
        if values.dtype != np.float64:
            if values.dtype.kind not in "iuf":
                raise ValueError(f"data: expected float64 values, got an array of dtype {values.dtype}")
            values = values.astype(np.float64)
        if not np.array_equal(values, self._data):
            self._set_data(values)
            self._data = values.copy()

    def __repr__(self):
        return f"<hfc.Model: {self.config.npars} parameters, POI {self.config.poi_name}>"
