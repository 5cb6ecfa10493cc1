#!/usr/bin/env python3
"""Builds one pyhf PatchSet per region from the sbottom HEPData record.

The record (../shared/reference/models/sbottom-ins1748602-hepdata-record.tar.gz)
ships Region{A,B,C}/BkgOnly.json and one plain JSON Patch per signal point but
no PatchSet file; `hfc cls --patchset PS --all-points` wants one. Usage:

    bench/sbottom_record.py ARCHIVE OUTDIR

writes OUTDIR/Region{A,B,C}/{BkgOnly.json,patchset.json}. The digest is
pyhf's (sha256 of the workspace as sorted, compact JSON), so hfc's digest
check passes. Standard library only (the pyenv python3 on PATH will do).
"""
import hashlib
import json
import os
import re
import sys
import tarfile


def digest(obj):
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf8")).hexdigest()


def main(archive, outdir):
    regions = {}
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            m = re.match(r"(?:.*/)?(Region[ABC])/(BkgOnly|patch\.(sbottom_[0-9_]+))\.json$", member.name)
            if not m:
                continue
            doc = json.load(tar.extractfile(member))
            region = regions.setdefault(m.group(1), {"bkg": None, "patches": []})
            if m.group(2) == "BkgOnly":
                region["bkg"] = doc
            else:
                region["patches"].append((m.group(3), doc))
    for name, region in sorted(regions.items()):
        os.makedirs(os.path.join(outdir, name), exist_ok=True)
        patches = []
        for point, patch in sorted(region["patches"]):
            values = [float(v) for v in point.split("_")[1:]]
            patches.append({"metadata": {"name": point, "values": values}, "patch": patch})
        patchset = {
            "metadata": {
                "description": f"sbottom multi-b {name}, every signal point of the HEPData record",
                "digests": {"sha256": digest(region["bkg"])},
                "labels": ["m_sbottom", "m_neutralino2", "m_neutralino1"],
                "references": {"hepdata": "ins1748602"},
            },
            "patches": patches,
            "version": "1.0.0",
        }
        with open(os.path.join(outdir, name, "BkgOnly.json"), "w") as f:
            json.dump(region["bkg"], f)
        with open(os.path.join(outdir, name, "patchset.json"), "w") as f:
            json.dump(patchset, f)
        print(f"{name}: {len(patches)} points", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
