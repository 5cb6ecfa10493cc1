#!/usr/bin/env python3
"""compare-toys.py ONE MERGED ONE_CLS MERGED_CLS: the toy files hold the same
toys (same order, same values) and the two CLs outputs the same numbers."""
import json
import sys

one, merged = (json.load(open(p)) for p in sys.argv[1:3])
for key in ("signal", "background"):
    if one[key] != merged[key]:
        sys.exit(f"{key} toys differ")
print(f"{len(one['signal'])} signal and {len(one['background'])} background toys equal")
a, b = (json.load(open(p)) for p in sys.argv[3:5])
for key in ("CLs_obs", "CLs_exp"):
    print(f"{key} {'equal' if a[key] == b[key] else 'DIFFER: %s vs %s' % (a[key], b[key])}")
