#!/usr/bin/python3
# free-below-conditional.py FIT_JSON SCAN_JSON
#
# A free fit can only end at or below any conditional fit of the same model:
# checks twice_nll(free) <= twice_nll(fixed mu) + 1e-9 for every scanned mu
# (the scan's conditional fits), and prints the smallest margin.
import json
import sys

free = json.load(open(sys.argv[1]))["twice_nll"]
scan = json.load(open(sys.argv[2]))
bad = [(mu, t) for mu, t in zip(scan["poi"], scan["twice_nll"]) if free > t + 1e-9]
for mu, t in bad:
    print("FREE ABOVE CONDITIONAL at mu = %g: free %.12f, conditional %.12f (by %.3g)" % (mu, free, t, free - t))
if bad:
    sys.exit(1)
print("free fit below every conditional fit: %d points" % len(scan["poi"]))
