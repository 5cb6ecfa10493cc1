# cls-all-points-reuse.test.py JSONL FIRST.json LAST.json: compares the first
# and last --all-points lines with the points' CLs computed in processes of
# their own, and checks the three points' CLs differ (each used its own pool).
import json
import sys

lines = [json.loads(line) for line in open(sys.argv[1])]
for line, path in ((lines[0], sys.argv[2]), (lines[-1], sys.argv[3])):
    alone = json.load(open(path))
    same = line["CLs_obs"] == alone["CLs_obs"] and line["CLs_exp"] == alone["CLs_exp"]
    print(f"{line['point']}: {'equal to its own process' if same else f'DIFFERENT {line} {alone}'}")
print(f"{len({line['CLs_obs'] for line in lines})} different CLs values")
