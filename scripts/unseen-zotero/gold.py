# Gold for the rendered list, by the dev corpus's conventions (only what
# the text shows; issued = the date parts printed; year suffixes as
# printed; a title's '?' kept only when nothing but a link or a bracket
# follows it): python3 gold.py CSL.json RENDERED.json OUT  (writes OUT.txt,
# one reference a paragraph, and OUT.jsonl)
import json,re,unicodedata,sys
csl={c['id']:c for c in json.load(open(sys.argv[1]))}
ren=json.load(open(sys.argv[2]))
def nz(s):
    s=unicodedata.normalize('NFC',str(s or ''));s=re.sub(r'<[^>]+>','',s)
    s=re.sub('[\u2010-\u2015\u2212]','-',s);s=re.sub('[\u2018\u2019\u201a\u201b]',"'",s);s=re.sub('[\u201c\u201d\u201e]','"',s)
    s=re.sub(r'\s+',' ',s).strip().rstrip('.,;:').lower();return s
MON='January February March April May June July August September October November December'.split()
outl=[];txt=[]
for r in ren:
    c=csl[r['id']];t=r['text'];T=nz(t)
    g={'id':c['id'],'type':c['type']}
    for f in ['title','container-title','volume','issue','page','DOI','URL','publisher','number','genre']:
        v=c.get(f)
        if v and nz(v) and nz(v) in T: g[f]=v
        elif f=='title' and v and v[-1:] in '”’"' and nz(v[:-1]+'.'+v[-1]) in T: g[f]=v[:-1]+'.'+v[-1]
    if g.get('title') and g['title'][-1] in '?!':
        i=t.find(g['title'])
        rest=t[i+len(g['title']):].strip() if i>=0 else ''
        if rest and not rest.startswith(('http','[')): g['title']=g['title'][:-1]
    if c.get('edition'):
        e=c['edition']
        if re.fullmatch(r'\d+',e) and re.search(r'\(%s(st|nd|rd|th) ed\.'%e,t): g['edition']=e
        elif nz(e) in T: g['edition']=e
    # names
    def fam(n): return nz(n.get('literal') or n.get('family'))
    a=c.get('author') or []
    if a:
        if len(a)>20: a=a[:19]+a[-1:]
        if all(fam(n) in T for n in a): g['author']=a
        else: g['_drop']='author'
    e=c.get('editor') or []
    if e and re.search(r'\bEds?\.[);]',t) and all(fam(n) in T for n in e): g['editor']=e
    m=re.search(r'\((\d{4})([a-z]?)(?:, ([A-Z][a-z]+)(?: (\d{1,2}))?)?\)',t)
    d=(c.get('issued') or {}).get('date-parts',[[None]])[0]
    if m and d and d[0]==int(m[1]):
        parts=[int(m[1])]
        if m[3] in MON: parts.append(MON.index(m[3])+1)
        if m[4]: parts.append(int(m[4]))
        g['issued']={'date-parts':[parts]}
        if m[2]: g['year-suffix']=m[2]
    else:
        m2=re.search(r'\(n\.d\.-([a-z])\)',t)
        if m2: g['year-suffix']=m2[1]
        if d and d[0] and str(d[0]) in t: g['_drop']='date'
    if '_drop' in g: continue
    outl.append(json.dumps({'id':c['id'],'text':t,'gold':g,'source':c['_src']},ensure_ascii=False)); txt.append(t)
open(sys.argv[3]+'.jsonl','w').write('\n'.join(outl)+'\n'); open(sys.argv[3]+'.txt','w').write('\n\n'.join(txt)+'\n')
print(len(outl),'of',len(ren),'references with gold',file=sys.stderr)
