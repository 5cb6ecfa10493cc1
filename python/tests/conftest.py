"""Shared fixtures: where the CLI binary, the reference data and the models are.

ctest sets HFC_CLI (the hfc binary of the same build) and HFC_SOURCE_DIR;
../shared/reference is read from the checkout's parent, never copied.
"""
import glob
import json
import os
import subprocess

import pytest

SOURCE_DIR = os.environ.get("HFC_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
REFERENCE = os.path.join(SOURCE_DIR, "..", "shared", "reference")
CLI = os.environ.get("HFC_CLI", os.path.join(SOURCE_DIR, "build", "tools", "hfc", "hfc"))


def reference_models():
    """(id, workspace path, patch path or None, expected numbers) for every file in reference/expected."""
    out = []
    for f in sorted(glob.glob(os.path.join(REFERENCE, "expected", "*.json"))):
        name = os.path.basename(f)[: -len(".json")]
        if name.startswith("validation."):
            ws, patch = os.path.join(REFERENCE, "validation", name[len("validation."):] + ".json"), None
        elif "+" in name:
            folder, point = name.split("+", 1)
            ws = os.path.join(REFERENCE, "models", folder, "BkgOnly.json")
            patch = os.path.join(REFERENCE, "models", folder, f"patch.{point}.json")
        else:
            ws, patch = os.path.join(REFERENCE, "models", name + ".json"), None
        with open(f) as fh:
            out.append((name, ws, patch, json.load(fh)))
    return out


def run_cli(*args):
    """The hfc CLI's JSON output for `args`; the test fails on a non-zero exit."""
    p = subprocess.run([CLI, *args], capture_output=True, text=True)
    assert p.returncode == 0, f"hfc {' '.join(args)} failed ({p.returncode}): {p.stderr}"
    return json.loads(p.stdout)


@pytest.fixture(scope="session")
def reference_dir():
    assert os.path.isdir(REFERENCE), f"{REFERENCE} is missing (../shared/reference beside the checkout)"
    return REFERENCE
