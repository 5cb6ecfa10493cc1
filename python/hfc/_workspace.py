"""hfc.Workspace, hfc.PatchSet, hfc.load: pyhf's workspace objects over libhfc.

A Workspace is the pyhf JSON document as a dict (as pyhf's is), checked by
the same reader as `hfc MODEL.json` on construction; documents reach the C++
side as JSON text (json.dumps writes floats that read back exactly).
"""
import json
import os

import numpy as np

from hfc import _core
from hfc._model import Model


def _is_path(x):
    return isinstance(x, (str, bytes, os.PathLike))


def _interp_string(modifier_settings):
    """pyhf's modifier_settings {"normsys": {"interpcode": "code1"}, ...} as hfc's "normsys=code1,..."."""
    if not modifier_settings:
        return ""
    parts = []
    for modifier, settings in modifier_settings.items():
        if not isinstance(settings, dict) or "interpcode" not in settings:
            raise _core.InvalidInput(
                f'error: modifier_settings["{modifier}"]: expected {{"interpcode": "codeN"}}, got {settings!r}')
        parts.append(f"{modifier}={settings['interpcode']}")
    return ",".join(parts)


class Workspace(dict):
    """A pyhf workspace: Workspace(spec_dict) or Workspace(path to .json or .hf)."""

    def __init__(self, spec, validate=True, **config_kwargs):
        if _is_path(spec):
            path = os.fsdecode(spec)
            spec = json.loads(_core.read_workspace_json(path))
            name = path
        else:
            name = "<Workspace spec>"
        super().__init__(spec)
        self._text = json.dumps(self)
        if validate:
            _core.check_workspace_json(self._text, name)

    @property
    def version(self):
        return self.get("version")

    @property
    def measurement_names(self):
        return [m["name"] for m in self["measurements"]]

    @property
    def channels(self):
        return sorted(c["name"] for c in self["channels"])

    @property
    def channel_nbins(self):
        return {o["name"]: len(o["data"]) for o in self["observations"]}

    @property
    def samples(self):
        return sorted({s["name"] for c in self["channels"] for s in c["samples"]})

    def model(self, measurement=None, modifier_settings=None, measurement_name=None, patches=None,
              interpreter=False, cache_dir=None):
        """The compiled model of a measurement (default: the first), pyhf's interpolation codes
        unless modifier_settings says otherwise; interpreter=True evaluates with the IR interpreter.
        patches: JSON Patches applied to the model spec {"channels", "parameters"}, as pyhf's
        Workspace.model(patches=...) and `hfc MODEL -p PATCH` apply them.
        cache_dir: keep the machine code in this directory between runs (the CLI's is
        $HFC_CACHE_DIR or ~/.cache/hfc); None: in memory only (models of one structure
        share machine code within a process anyway)."""
        name = measurement if measurement is not None else measurement_name
        if isinstance(name, dict):  # pyhf also takes the measurement object itself
            name = name.get("name")
        doc = self if not patches else self._patched_model_spec(name, patches)
        return Model(json.dumps(doc), name or "", _interp_string(modifier_settings), interpreter,
                     os.fspath(cache_dir) if cache_dir is not None else "")

    def _patched_model_spec(self, name, patches):
        """The workspace of one measurement with `patches` applied to its model spec."""
        measurements = self["measurements"]
        chosen = next((m for m in measurements if m["name"] == name), None) if name else measurements[0]
        if chosen is None:
            raise _core.InvalidInput(f'error: no measurement named "{name}" (the workspace has '
                                     f"{self.measurement_names})")
        spec = json.dumps({"channels": self["channels"], "parameters": chosen["config"].get("parameters", [])})
        for k, patch in enumerate(patches):
            ops = patch.patch if isinstance(patch, Patch) else patch
            spec = _core.apply_json_patch(spec, json.dumps(ops), f"patches[{k}]")
        spec = json.loads(spec)
        names = {c["name"] for c in spec["channels"]}
        measurement = dict(chosen, config=dict(chosen["config"], parameters=spec.get("parameters", [])))
        return {"channels": spec["channels"],
                "observations": [o for o in self["observations"] if o["name"] in names],
                "measurements": [measurement],
                "version": self.get("version", "1.0.0")}

    def data(self, model, include_auxdata=True):
        """Observed main data in the model's channel order, then model.config.auxdata."""
        observations = {o["name"]: o["data"] for o in self["observations"]}
        main = []
        for channel in model.config.channels:
            if channel not in observations:
                raise _core.InvalidInput(f'error: the workspace has no observation for channel "{channel}"')
            main.extend(observations[channel])
        values = main + (model.config.auxdata if include_auxdata else [])
        return np.asarray(values, dtype=np.float64)

    def __repr__(self):
        return (f"<hfc.Workspace: {len(self['channels'])} channels, "
                f"measurements {self.measurement_names}>")


class Patch:
    """One point of a PatchSet: name, values, metadata and the JSON Patch operations."""

    def __init__(self, name, values, patch):
        self.name = name
        self.values = tuple(values)
        self.patch = patch

    @property
    def metadata(self):
        return {"name": self.name, "values": list(self.values)}

    def apply(self, spec):
        ws = spec if isinstance(spec, Workspace) else Workspace(spec)
        return Workspace(json.loads(_core.apply_json_patch(json.dumps(ws), json.dumps(self.patch), f"patch {self.name}")))

    def __repr__(self):
        return f"<hfc.Patch {self.name} {self.values}>"


class PatchSet:
    """A pyhf PatchSet: PatchSet(dict) or PatchSet(path); apply(ws, name or values) -> Workspace."""

    def __init__(self, spec):
        if _is_path(spec):
            self._core = _core.PatchSet.load(os.fsdecode(spec))
        else:
            self._core = _core.PatchSet.from_json(json.dumps(spec), "<PatchSet spec>")
        self.metadata = json.loads(self._core.metadata_json)
        self.labels = list(self._core.labels)
        self.patch_names = list(self._core.names)
        self.patch_values = [tuple(v) for v in self._core.values]

    @property
    def description(self):
        return self.metadata.get("description")

    @property
    def digests(self):
        return self.metadata.get("digests")

    @property
    def patches(self):
        return [self[name] for name in self.patch_names]

    def __len__(self):
        return len(self.patch_names)

    def __iter__(self):
        return iter(self.patches)

    def _name_of(self, key):
        if isinstance(key, str):
            if key not in self.patch_names:
                self._core.patch_json(key)  # InvalidInput naming the PatchSet
            return key
        values = tuple(float(v) for v in key)
        for name, v in zip(self.patch_names, self.patch_values):
            if len(v) == len(values) and all(float(a) == b for a, b in zip(v, values)):
                return name
        raise _core.InvalidInput(f"error: no patch with values {values} in the PatchSet (labels {self.labels})")

    def __getitem__(self, key):
        name = self._name_of(key)
        return Patch(name, self.patch_values[self.patch_names.index(name)], json.loads(self._core.patch_json(name)))

    def apply(self, spec, key, verify=True):
        """The workspace with point `key` (its name or its values) applied, after checking the
        workspace's digest against the PatchSet's as pyhf does (verify=False skips that)."""
        ws = spec if isinstance(spec, Workspace) else Workspace(spec)
        if isinstance(key, str):
            text = self._core.apply_name(json.dumps(ws), key, verify)
        else:
            text = self._core.apply_values(json.dumps(ws), [float(v) for v in key], verify)
        return Workspace(json.loads(text))

    def __repr__(self):
        return f"<hfc.PatchSet: {len(self)} points, labels {self.labels}>"


def load(path):
    """A workspace from a file: .json (pyhf) or .hf (hfc's language); a cabinetry
    config.yml once the analysis layer lands."""
    p = os.fsdecode(path)
    if p.endswith((".yml", ".yaml")):
        raise NotImplementedError(
            f"{p}: cabinetry configurations need hfc's analysis layer (issue 13, "
            "`hfc build config.yml`), which this build does not have yet; build the workspace "
            "with cabinetry and load its .json")
    return Workspace(p)
