"""Self-check of the gold annotation: every mention and every evidence quote must
occur verbatim in the text (modulo line breaks / whitespace runs; a word broken at a
real compound hyphen at line end, e.g. 'Konstitutions-\\nUtskottets', may be given
joined as 'Konstitutions-Utskottets'). Also checks ids, predicates and types."""
import json, re, sys, collections
from pathlib import Path

here = Path(__file__).resolve().parent
ann = json.loads((here / "prot-1867--fk--0216.json").read_text(encoding="utf-8"))
raw = (here / ann["document"]).read_text(encoding="utf-8")
norm = lambda s: re.sub(r"\s+", " ", s).strip()
t1 = norm(raw)
t2 = norm(re.sub(r"-[ \t]*\n\s*", "-", raw))
found = lambda s: norm(s) in t1 or norm(s) in t2

PRED = {"authored", "drafted", "addressedTo", "memberOf", "worksFor", "leads", "participatedIn",
        "chaired", "heldBy", "heldIn", "adopted", "rejected", "votedAgainst", "votedFor", "supports",
        "opposes", "metWith", "corresponded", "succeeded", "replaces", "partOf", "locatedIn"}
PREFIX = {"Person": "person:", "Organisation": "org:", "Meeting": "meeting:",
          "Resolution": "resolution:", "Place": "place:"}
errors = []
ids = {}
for e in ann["entities"]:
    if e["id"] in ids: errors.append("duplicate id " + e["id"])
    ids[e["id"]] = e["type"]
    if not e["id"].startswith(PREFIX[e["type"]]): errors.append("bad prefix " + e["id"])
    if len(set(e["mentions"])) != len(e["mentions"]): errors.append("repeated mention in " + e["id"])
    for m in e["mentions"]:
        if not found(m): errors.append(f"mention not in text: {e['id']}: {m!r}")
for r in ann["relations"]:
    if r["p"] not in PRED: errors.append("bad predicate " + r["p"])
    for k in ("s", "o"):
        if r[k] != "doc" and r[k] not in ids: errors.append(f"unknown id {r[k]}")
    if len(r["evidence"]) > 200: errors.append("evidence too long: " + r["evidence"][:40])
    if not found(r["evidence"]): errors.append(f"evidence not in text: {r['evidence']!r}")
for x in errors: print("ERROR", x)
print(collections.Counter(e["type"] for e in ann["entities"]))
print(collections.Counter(r["p"] for r in ann["relations"]))
print("OK" if not errors else f"{len(errors)} errors")
sys.exit(1 if errors else 0)
