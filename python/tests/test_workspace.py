"""Workspace, PatchSet and load: pyhf's objects, the CLI's checks and messages."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import hfc
from conftest import CLI, REFERENCE, SOURCE_DIR, run_cli

SBOTTOM = os.path.join(REFERENCE, "models", "sbottom_regionA")


def read(path):
    with open(path) as f:
        return json.load(f)


def test_patchset_apply_equals_pyhf(tmp_path):
    """pyhf patchset apply's output for this point (reference/workspace_verbs), dict for dict."""
    ps = hfc.PatchSet(os.path.join(SBOTTOM, "patchset.json"))
    assert len(ps) == 24 and ps.labels == ["m_sbottom", "m_neutralino2", "m_neutralino1"]
    bkg = hfc.Workspace(os.path.join(SBOTTOM, "BkgOnly.json"))
    ws = ps.apply(bkg, "sbottom_1300_205_60")
    assert isinstance(ws, hfc.Workspace)
    assert dict(ws) == read(os.path.join(REFERENCE, "workspace_verbs", "patchset_apply.sbottom_1300_205_60.json"))
    by_values = ps.apply(read(os.path.join(SBOTTOM, "BkgOnly.json")), (1300, 205, 60))
    assert dict(by_values) == dict(ws)
    assert ps["sbottom_1300_205_60"].values == (1300.0, 205.0, 60.0)
    # The applied point's model is the CLI's --patchset/--point model: the same logpdf.
    model = ws.model()
    pars = model.config.suggested_init()
    cli = run_cli("eval", os.path.join(SBOTTOM, "BkgOnly.json"), "--patchset", os.path.join(SBOTTOM, "patchset.json"),
                  "--point", "sbottom_1300_205_60")
    assert abs(model.logpdf(pars, ws.data(model))[0] - cli["logpdf"]) <= 1e-12 * abs(cli["logpdf"])


def test_patchset_errors_name_the_problem():
    ps = hfc.PatchSet(os.path.join(SBOTTOM, "patchset.json"))
    bkg = hfc.Workspace(os.path.join(SBOTTOM, "BkgOnly.json"))
    with pytest.raises(hfc.InvalidInput, match="no patch named \"sbottom_1_2_3\""):
        ps.apply(bkg, "sbottom_1_2_3")
    with pytest.raises(hfc.InvalidInput, match="no patch with values"):
        ps.apply(bkg, (1.0, 2.0, 3.0))
    other = hfc.Workspace(os.path.join(REFERENCE, "models", "2-bin_1-channel.json"))
    with pytest.raises(hfc.InvalidInput, match="digest"):
        ps.apply(other, "sbottom_1300_205_60")


def test_bad_workspace_names_the_json_path():
    spec = read(os.path.join(REFERENCE, "models", "2-bin_1-channel.json"))
    spec["channels"][0]["samples"][0]["modifiers"][0]["type"] = "normfactr"
    with pytest.raises(hfc.InvalidInput, match=r"<Workspace spec>.*/channels/0/samples/0/modifiers/0"):
        hfc.Workspace(spec)
    assert issubclass(hfc.InvalidInput, ValueError)


def test_bad_file_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"channels": [\n  {"name": "a",,}\n]}')
    with pytest.raises(hfc.InvalidInput, match=r"bad\.json:2:\d+"):
        hfc.Workspace(str(bad))
    with pytest.raises(hfc.InvalidInput, match="no-such-file.json"):
        hfc.load(str(tmp_path / "no-such-file.json"))


def test_load_hf_and_json_and_config():
    two_bin_hf = hfc.load(os.path.join(SOURCE_DIR, "examples", "two_bin.hf"))
    two_bin_json = hfc.load(os.path.join(SOURCE_DIR, "examples", "two_bin.json"))
    m1, m2 = two_bin_hf.model(), two_bin_json.model()
    assert m1.config.par_names == m2.config.par_names
    pars = m1.config.suggested_init()
    assert m1.logpdf(pars, two_bin_hf.data(m1))[0] == m2.logpdf(pars, two_bin_json.data(m2))[0]
    with pytest.raises(NotImplementedError, match="config.yml.*issue 13"):
        hfc.load("config.yml")


def test_measurement_and_modifier_settings():
    path = os.path.join(REFERENCE, "validation", "2bin_histosys.json")
    ws = hfc.Workspace(path)
    code0 = ws.model(modifier_settings={"normsys": {"interpcode": "code1"}, "histosys": {"interpcode": "code0"}})
    default = ws.model(measurement=ws.measurement_names[0])
    pars = default.config.suggested_init()
    pars[default.config.par_names.index("bkg_norm")] = 0.5 if "bkg_norm" in default.config.par_names else pars[0]
    cli = run_cli("eval", path, "--interp", "normsys=code1,histosys=code0",
                  *[f"--set={n}={v!r}" for n, v in zip(default.config.par_names, pars.tolist())])
    assert abs(code0.logpdf(pars, ws.data(code0))[0] - cli["logpdf"]) <= 1e-12 * abs(cli["logpdf"])
    with pytest.raises(hfc.InvalidInput, match="no measurement named \"nope\""):
        ws.model(measurement="nope")
    with pytest.raises(hfc.InvalidInput, match="interpcode"):
        ws.model(modifier_settings={"normsys": "code1"})


def test_fit_failure_and_unknown_parameter():
    ws = hfc.Workspace(os.path.join(REFERENCE, "models", "2-bin_1-channel.json"))
    model = ws.model()
    with pytest.raises(hfc.InvalidInput, match="unknown parameter \"nope\""):
        model.config.par_index("nope")
    data = ws.data(model)
    with pytest.raises(hfc.InvalidInput, match="init"):
        hfc.infer.mle.fit(data, model, init_pars=[1.0, 1.0, 1.0], par_bounds=[(2.0, 3.0), (0.1, 5), (0.1, 5)])
    assert issubclass(hfc.FitFailure, RuntimeError)


def test_example_script_runs():
    script = os.path.join(SOURCE_DIR, "examples", "python", "hepdata_workflow.py")
    p = subprocess.run([sys.executable, script, REFERENCE], capture_output=True, text=True,
                       env=dict(os.environ))
    assert p.returncode == 0, p.stderr
    assert "24 signal points" in p.stdout and "upper limit: observed" in p.stdout
    # Its CLs is the CLI's for the same point.
    cli = run_cli("cls", os.path.join(SBOTTOM, "BkgOnly.json"), "--patchset", os.path.join(SBOTTOM, "patchset.json"),
                  "--point", "sbottom_1300_205_60")
    assert f"CLs(mu=1) = {cli['CLs_obs']:.6f}" in p.stdout
