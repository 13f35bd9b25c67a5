#!/usr/bin/env python3
"""Score `recruitsearch parse --json` output against the *.expect.json files here.
Usage: score.py BINARY   (run from the repository root)"""
import json, subprocess, sys, glob, os, re
binary = sys.argv[1] if len(sys.argv) > 1 else "/tmp/rs2"
here = os.path.dirname(os.path.abspath(__file__))
verbose = "-v" in sys.argv
MODELS = ["signs of safety", "systemic", "restorative", "mockingbird", "family safeguarding", "safe and together", "girfec"]
tot = {}
rows = []
def norm(s): return re.sub(r"[’']", "'", (s or "")).lower().strip()
for ex in sorted(glob.glob(os.path.join(here, "*.expect.json"))):
    e = json.load(open(ex))
    path = os.path.join(here, e["file"])
    p = subprocess.run([binary, "parse", "--json", path], capture_output=True, text=True)
    if p.returncode != 0:
        rows.append((e["file"], "REFUSED " + p.stderr.strip()[:80])); continue
    a = json.loads(p.stdout)[0]
    ps = a["passages"]
    r = {}
    alts = [norm(e["employer"])] + [norm(x) for x in e.get("employer_alternates", [])]
    r["employer"] = "ok" if norm(a.get("council")) == alts[0] else ("alt" if norm(a.get("council")) in alts else ("none" if not a.get("council") else "WRONG:" + a["council"]))
    r["sponsored"] = "ok" if bool(a.get("sponsored")) == e["sponsored"] and (not e["sponsored"] or norm(a.get("sponsor")) == norm(e["sponsor"])) else "WRONG:%s/%s" % (a.get("sponsored"), a.get("sponsor"))
    r["date"] = "ok" if (a.get("published") or "").startswith(e["date"]) else ("none" if not a.get("published") else "WRONG:" + a["published"])
    if e["title"]:
        r["title"] = "ok" if norm(a.get("title")) == norm(e["title"]) else ("none" if not a.get("title") else "WRONG:" + a["title"][:50])
    else:
        r["title"] = "n/a:" + (a.get("title") or "")[:40]
    r["url"] = "ok" if (a.get("url") or "") == e["url"] else "WRONG:" + (a.get("url") or "none")
    qa = sum(1 for x in ps if x["kind"] == "qa")
    r["qa"] = "%d/%d" % (qa, e["qa_count"])
    got = {}
    for x in ps:
        if x.get("speaker"):
            got.setdefault(x["speaker"], set()).add(x.get("role") or "")
    named = sum(1 for s in e["speakers"] if s["name"] in got)
    roles = sum(1 for s in e["speakers"] if s["name"] in got and any(norm(s["role"]) in norm(rr) or (rr and norm(rr) in norm(s["role"])) for rr in got[s["name"]]))
    extra = [g for g in got if g not in [s["name"] for s in e["speakers"]]]
    r["speakers"] = "%d/%d" % (named, len(e["speakers"]))
    r["roles"] = "%d/%d" % (roles, len(e["speakers"]))
    if extra: r["extra_speakers"] = extra
    badroles = {n: sorted(got[n]) for n in got for s in e["speakers"] if s["name"] == n and not any(norm(s["role"]) in norm(rr) or (rr and norm(rr) in norm(s["role"])) for rr in got[n])}
    if badroles: r["roles_got"] = badroles
    qok = 0; qbad = []
    for k, who in e["quote_by"].items():
        hit = [x for x in ps if norm(k) in norm(x["text"])]
        if hit and hit[0].get("speaker") == who: qok += 1
        else: qbad.append((k[:25], hit[0].get("speaker") if hit else "LOST"))
    r["quotes"] = "%d/%d" % (qok, len(e["quote_by"]))
    if qbad: r["quotes_bad"] = qbad
    facts = [f for x in ps for f in x.get("facts", [])]
    cok = 0; cmiss = []
    for c in e["claims"]:
        cl = c.lower(); ok = False
        if cl.startswith("caseload"):
            n = int(re.findall(r"\d+", cl)[0]); ok = any(f["type"].startswith("caseload") and f.get("value") == n for f in facts)
        elif cl.startswith("supervision"):
            ok = any(f["type"] == "supervision_frequency" for f in facts)
        elif cl.startswith("ofsted"):
            g = cl.split()[1]; ok = any(f["type"] == "ofsted_judgement" and g in str(f.get("value")).lower() for f in facts)
        elif cl.startswith("pay") or cl.startswith("salary"):
            ok = any(f["type"] == "pay" for f in facts)
        elif any(m in cl for m in MODELS):
            ok = any(f["type"] == "practice_model" and cl.split()[0] in str(f.get("value")).lower() for f in facts)
        else:
            ok = False
        cok += ok
        if not ok: cmiss.append(c)
    r["claims"] = "%d/%d" % (cok, len(e["claims"]))
    if cmiss: r["claims_missed"] = cmiss
    junk = []
    for j in e["junk"]:
        for x in ps:
            t = x["text"].strip()
            if (j.isdigit() and t == j) or (not j.isdigit() and j.lower() in t.lower()):
                junk.append(j[:30]); break
    r["junk"] = len(junk)
    if junk: r["junk_seen"] = junk
    rows.append((e["file"], r))
for f, r in rows:
    print(f, json.dumps(r, ensure_ascii=False))
