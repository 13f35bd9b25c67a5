# Scores `recruitsearch parse --json` against expected.json (the held-out articles written blind).
# Usage: go build -o /tmp/rs ./cmd/recruitsearch && python3 ingest/testdata/heldout/score.py /tmp/rs ingest/testdata/heldout
# Columns: council/date/spons(ored and sponsor)/title/url right (1/0); spk = expected speakers named; role = of those, role right;
# wrongspk = passages given to a name not expected; qa = Q&A count right; claims = expected claims found as facts; junk = passages holding a junk string.
import json, re, sys, subprocess, os
# usage: score.py BIN DIR   (DIR holds the articles and expected.json)
BIN, DIR = sys.argv[1], sys.argv[2]
exp = json.load(open(os.path.join(DIR, "expected.json")))["articles"]
GENERIC = {"council","city","county","borough","london","of","metropolitan","royal","the","district"}
def norm(s): return re.sub(r"[^a-z0-9 ]","",(s or "").lower().replace("&","and")).split()
def council_eq(a,b):
    if not a or not b: return a==b or (not a and not b)
    A=[w for w in norm(a) if w not in GENERIC]; B=[w for w in norm(b) if w not in GENERIC]
    return A==B and A!=[]
def tnorm(s): return re.sub(r"[\W_]+"," ",(s or "").lower().replace("’","'").replace("‘","'")).strip()
ROLEWORDS={"practitioner":"social worker"}
def role_ok(got, want):
    g=set(norm(got)); w=set(norm(want))-{"of","for","the","and","s","children","childrens"}
    key={"manager","director","practitioner","principal","consultant","host","member","secretary","social","chief","head","senior","executive","advanced","cabinet"}
    wk=w&key or w
    if "practitioner" in wk and "social" in g and "practitioner" not in g: wk=(wk-{"practitioner"})|{"social"}
    return bool(g) and len(wk&g)>=max(1,len(wk)//2)
KIND={"caseload":("caseload",),"supervision":("supervision",),"ofsted":("ofsted",),"practice_model":("practice_model",),
      "salary":("pay","salary"),"payment":("pay",),"relocation":("pay","relocation"),"agency":("agency",)}
rows=[]
for n, e in enumerate(exp, 1):
    f=os.path.join(DIR,e["file"])
    r=subprocess.run([BIN,"parse","--json",f],capture_output=True,text=True)
    row={"file":f"{n:02d}"}
    if r.returncode!=0:
        row.update(parsed=0, err=r.stderr.strip().splitlines()[0][:80]); rows.append(row); continue
    a=json.loads(r.stdout)[0]; P=a.get("passages",[])
    row["parsed"]=1
    row["council"]=int(council_eq(a.get("council"),e["council"]))
    got_date=a.get("published") or ""
    if e["date"]: row["date"]=int(got_date==e["date"] and not a.get("published_estimated"))
    else: row["date"]=int(not got_date or bool(a.get("published_estimated")))
    row["spons"]=int(bool(a.get("sponsored"))==e["sponsored"] and (not e["sponsored"] or council_eq(a.get("sponsor"),e["sponsor"])))
    row["title"]= "-" if e["title"] is None else int(tnorm(a.get("title"))==tnorm(e["title"]))
    row["url"]=int((a.get("url") or None)==e["url"])
    # speakers
    sp=[(p.get("speaker") or "",p.get("role") or "") for p in P if p.get("speaker")]
    named=roled=0; wrong=[]
    for s in e["speakers"]:
        hits=[x for x in sp if x[0]==s["name"]]
        if hits: named+=1
        if any(role_ok(x[1],s["role"]) for x in hits): roled+=1
    expnames={s["name"] for s in e["speakers"]}
    # misattribution: a passage whose speaker is not the person whose words it holds is checked by hand; here: names not expected
    for x in [(p.get("speaker") or "",p.get("role") or "") for p in P if p.get("speaker") and p["kind"]!="comment"]:
        if x[0] not in expnames and not any(x[0]==n.split()[-1] or x[0]==n.split()[0] for n in expnames): wrong.append(x[0])
        if x[0] in e.get("not_speakers",[]): wrong.append(x[0])
    row["spk"]=f"{named}/{len(e['speakers'])}"; row["role"]=f"{roled}/{len(e['speakers'])}"; row["wrongspk"]=len(set(wrong))
    nqa=sum(1 for p in P if p["kind"]=="qa")
    row["qa"]="-" if e["qa"] is None else int(nqa==e["qa"])
    facts=[ft for p in P for ft in (p.get("facts") or [])]
    found=0
    for c in e["claims"]:
        ks=KIND[c["kind"]]; v=re.sub(r"[^0-9a-z]","",c["value"].lower().split("/")[0])
        ok=False
        for ft in facts:
            if not any(ft["type"].startswith(k) or k in ft["type"] for k in ks): continue
            blob=re.sub(r"[^0-9a-z]","",(str(ft.get("value",""))+" "+str(ft.get("max",""))+" "+ft.get("text","")+" "+str(ft.get("year",""))).lower())
            if c["kind"]=="ofsted":
                if v in blob and (("year" not in c) or c["year"] in json.dumps(ft)): ok=True
            elif c["kind"]=="supervision":
                want={"fourweeks":[4],"fortnightly":[2],"monthly":[4],"month":[4],"weekly":[1],"threeweeks":[3],"4weeks":[4],"threetofourweeks":[3,4]}[v]
                ok = ft.get("value") in want or ft.get("max") in want
            elif c["kind"]=="caseload":
                nums=[int(x) for x in re.findall(r"\d+",c["value"])]
                ok = ft.get("value") in nums or ft.get("max") in nums
            else:
                ok = v in blob or v.replace("000","") in blob
            if ok: break
        found+=ok
    row["claims"]=f"{found}/{len(e['claims'])}"
    junk=0
    for p in P:
        t=p.get("text","")+" "+(p.get("question") or "")
        if any(j in t for j in e["junk"]): junk+=1
    row["junk"]=junk; row["npass"]=len(P)
    rows.append(row)
cols=["file","parsed","council","date","spons","title","url","spk","role","wrongspk","qa","claims","junk","npass"]
print(" ".join(f"{c:>8}" for c in cols))
for r in rows:
    print(" ".join(f"{str(r.get(c,'')):>8}" for c in cols), r.get("err",""))
