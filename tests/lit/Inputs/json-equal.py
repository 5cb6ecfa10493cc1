#!/usr/bin/env python3
"""json-equal.py A B: exit 0 when the two files hold equal JSON (as parsed)."""
import json
import sys

with open(sys.argv[1]) as a, open(sys.argv[2]) as b:
    left, right = json.load(a), json.load(b)
if left != right:
    print(f"json-equal.py: {sys.argv[1]} and {sys.argv[2]} differ as JSON", file=sys.stderr)
    sys.exit(1)
