#!/usr/bin/env python3
# compare-eval.py PROGRAM_OUTPUT EVAL_JSON
#
# Checks that the logpdf and gradient the AOT example program printed at the
# inits ("logpdf at inits: X", "grad NAME: X", %.17g) equal those of
# `hfc eval --grad` (the JIT) to 1e-12 relative, and says how many matched.
import json
import sys

TOLERANCE = 1e-12


def close(a, b):
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b)) or a == b


printed = {}
with open(sys.argv[1]) as f:
    for line in f:
        if line.startswith("logpdf at inits: "):
            printed["logpdf"] = float(line.split(": ", 1)[1])
        elif line.startswith("grad "):
            name, value = line[len("grad "):].rsplit(": ", 1)
            printed["grad " + name] = float(value)
with open(sys.argv[2]) as f:
    evaluated = json.load(f)
expected = {"logpdf": evaluated["logpdf"]}
for name, value in evaluated["grad"].items():
    expected["grad " + name] = value

if set(printed) != set(expected):
    sys.exit("compare-eval.py: the program printed %s, eval %s" % (sorted(printed), sorted(expected)))
bad = [k for k in sorted(expected) if not close(printed[k], expected[k])]
for k in bad:
    print("MISMATCH %s: library %.17g, eval %.17g" % (k, printed[k], expected[k]))
if bad:
    sys.exit(1)
print("library equals eval: %d values" % len(expected))
