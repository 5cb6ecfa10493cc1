"""hfc: HistFactory likelihoods compiled to machine code, with pyhf's names.

    import hfc
    ws = hfc.Workspace(spec)                      # a pyhf workspace dict, or a path
    model = ws.model()
    data = ws.data(model)
    cls_obs, cls_exp = hfc.infer.hypotest(1.0, data, model, return_expected_set=True)

Everything numerical runs in libhfc (the C++ API, include/hf/); this package
only gives it pyhf's names and return shapes. Bad input raises
hfc.InvalidInput (a ValueError whose message names the file or JSON path),
a failed computation hfc.FitFailure (a RuntimeError).
"""
from hfc._core import FitFailure, InvalidInput
from hfc._model import Model, ModelConfig
from hfc._workspace import Patch, PatchSet, Workspace, load
from hfc import infer

__version__ = "0.1.0"

__all__ = [
    "FitFailure",
    "InvalidInput",
    "Model",
    "ModelConfig",
    "Patch",
    "PatchSet",
    "Workspace",
    "infer",
    "load",
]
