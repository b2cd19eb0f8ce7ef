# Maps Zotero items (the translators' test cases) to CSL-JSON the way
# Zotero exports them, for the item types of the dev corpus; drops items
# whose title is in the dev corpus, repeats, and dates it cannot read:
#   python3 to_csl.py ITEMS.json DEV.jsonl CSL.json
import json,re,sys,unicodedata,collections
items=json.load(open(sys.argv[1]))
TYPES={'journalArticle':'article-journal','magazineArticle':'article-magazine','newspaperArticle':'article-newspaper',
 'book':'book','bookSection':'chapter','thesis':'thesis','report':'report','conferencePaper':'paper-conference',
 'webpage':'webpage','blogPost':'post-weblog','forumPost':'post','encyclopediaArticle':'entry-encyclopedia',
 'dictionaryEntry':'entry-dictionary','dataset':'dataset','computerProgram':'software','preprint':'article',
 'manuscript':'manuscript','document':'document','presentation':'speech'}
CONT=['publicationTitle','bookTitle','proceedingsTitle','blogTitle','websiteTitle','forumTitle','encyclopediaTitle','dictionaryTitle']
PUB=['publisher','university','institution','company','repository']
GENRE=['thesisType','reportType','websiteType','genre','manuscriptType','presentationType','postType']
NUM=['reportNumber','number','archiveID']
ROLE={'author':'author','editor':'editor','bookAuthor':'container-author','translator':'translator','seriesEditor':'collection-editor',
 'programmer':'author','presenter':'author','contributor':'contributor'}
MONTHS={m:i+1 for i,m in enumerate('january february march april may june july august september october november december'.split())}
for k,v in list(MONTHS.items()): MONTHS[k[:3]]=v
MONTHS['sept']=9
def date(s):
    s=(s or '').strip().rstrip(',')
    if not s: return None
    s=re.sub(r'^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? ','',s)
    s=re.sub(r',? \d{1,2}:\d\d( ?[ap]m)?( GMT)?$','',s,flags=re.I)
    s=re.sub(r'(\d)(st|nd|rd|th),',r'\1,',s)
    m=re.match(r'^(\d{4})/(\d{1,2})$',s)
    if m: return [int(m[1]),int(m[2])]
    m=re.match(r'^(\d{1,2})/(\d{1,2})/(\d{4})$',s)
    if m and int(m[1])<=12: return [int(m[3]),int(m[1]),int(m[2])]
    m=re.match(r'^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$',s) or re.match(r'^(\d{4})/(\d{1,2})/(\d{1,2})$',s)
    if m: y,mo,d=map(int,m.groups()); return [y,mo,d] if mo and d else ([y,mo] if mo else [y])
    m=re.match(r'^(\d{4})-(\d{1,2})$',s)
    if m: y,mo=map(int,m.groups()); return [y,mo] if mo else [y]
    m=re.match(r'^(\d{4})$',s)
    if m: return [int(s)]
    m=re.match(r'^(\d{1,2})/(\d{4})$',s)
    if m: return [int(m[2]),int(m[1])]
    m=re.match(r'^(\d{1,2})\.(\d{1,2})\.(\d{4})$',s)
    if m: return [int(m[3]),int(m[2]),int(m[1])]
    m=re.match(r'^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$',s)
    if m and m[1].lower() in MONTHS: return [int(m[3]),MONTHS[m[1].lower()],int(m[2])]
    m=re.match(r'^(\d{1,2}) ([A-Za-z]+)\.?,? (\d{4})$',s)
    if m and m[2].lower() in MONTHS: return [int(m[3]),MONTHS[m[2].lower()],int(m[1])]
    m=re.match(r'^([A-Za-z]+)\.?,? (\d{4})$',s)
    if m and m[1].lower() in MONTHS: return [int(m[2]),MONTHS[m[1].lower()]]
    return 'bad'
def norm(s): return re.sub(r'[^a-z0-9]','',unicodedata.normalize('NFKC',s or '').lower())
dev=set()
for l in open(sys.argv[2]):
    g=json.loads(l)['gold']; dev.add(norm(g.get('title'))[:60])
out=[]; seen=set(); why=collections.Counter()
for n,x in enumerate(items):
    it=x['item']; t=TYPES.get(it.get('itemType'))
    if not t: why['type']+=1; continue
    c={'id':'z19-%d'%n,'type':t,'_src':'%s#%d.%d'%(x['label'],x['case'],x['j'])}
    if it.get('title'): c['title']=it['title']
    k=norm(c.get('title'))[:60]
    if not k: why['notitle']+=1; continue
    if k in dev: why['indev']+=1; continue
    if k in seen: why['dup']+=1; continue
    seen.add(k)
    for f in CONT:
        if it.get(f): c['container-title']=it[f]; break
    for f in PUB:
        if it.get(f): c['publisher']=it[f]; break
    for f in GENRE:
        if it.get(f): c['genre']=it[f]; break
    for f in NUM:
        if it.get(f): c['number']=it[f]; break
    for f,v in [('volume','volume'),('issue','issue'),('pages','page'),('edition','edition'),('DOI','DOI'),('url','URL'),
                ('place','publisher-place'),('series','collection-title'),('seriesNumber','collection-number'),
                ('ISBN','ISBN'),('ISSN','ISSN'),('versionNumber','version'),('conferenceName','event-title'),
                ('numberOfVolumes','number-of-volumes'),('medium','medium'),('archive','archive'),('language','language')]:
        if it.get(f): c[v]=str(it[f])
    for line in (it.get('extra') or '').split('\n'):
        m=re.match(r'^(DOI|original-date|Original Date):\s*(.+)$',line.strip())
        if m and m[1]=='DOI' and 'DOI' not in c: c['DOI']=m[2]
    d=date(it.get('date'))
    if d=='bad': why['baddate']+=1; continue
    if d: c['issued']={'date-parts':[d]}
    for cr in it.get('creators',[]):
        r=ROLE.get(cr.get('creatorType'))
        if not r: continue
        if cr.get('fieldMode')==1 or 'name' in cr or not cr.get('firstName'):
            nm={'literal':cr.get('name') or cr.get('lastName','')}
        else: nm={'family':cr.get('lastName',''),'given':cr.get('firstName','')}
        c.setdefault(r,[]).append(nm)
    out.append(c)
print(len(out),'items;','left out:',dict(why),file=sys.stderr)
json.dump(out,open(sys.argv[3],'w'),ensure_ascii=False,indent=0)
