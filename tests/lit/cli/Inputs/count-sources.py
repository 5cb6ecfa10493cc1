# count-sources.py STDERR: counts the `hfc cls --all-points` progress lines
# by where each point's machine code came from ("compiled", "machine code
# reused", ...), as "N points: K source, ...".
import collections
import re
import sys

sources = collections.Counter()
for line in open(sys.argv[1]):
    m = re.match(r"hfc: point \d+/\d+ \([^)]*\), (.*)$", line.rstrip("\n"))
    if m:
        sources[m.group(1)] += 1
total = sum(sources.values())
print(f"{total} points: " + ", ".join(f"{n} {s}" for s, n in sorted(sources.items())))
