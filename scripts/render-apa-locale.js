// The dev corpus gold rendered in APA 7 by citeproc-js with the CSL locale
// of another language, one reference per paragraph, in corpus order (to
// read back with refmill and score with ../shared/tools/score_csl.py):
//
//   LOCALE=de-DE node scripts/render-apa-locale.js ../shared/corpus/apa-dev.jsonl > de.txt
//
// Needs citeproc (`npm install citeproc@2.4.63` somewhere, then NODE_PATH
// set to that node_modules), the APA style in ../shared/tools/csl/apa.csl
// and the CSL locales (Debian package citation-style-language-locales, or
// LOCALES_DIR).
const fs = require('fs');
const path = require('path');
const tools = path.join(__dirname, '..', '..', 'shared', 'tools');
const CSL = require('citeproc');
const gold = process.argv[2];
const lang = process.env.LOCALE || 'en-US';
const dir = process.env.LOCALES_DIR || '/usr/share/citation-style-language/locales';
const style = fs.readFileSync(process.env.APA_CSL || path.join(tools, 'csl', 'apa.csl'), 'utf8');
const locale = l => fs.readFileSync(path.join(dir, `locales-${l}.xml`), 'utf8');
const items = fs.readFileSync(gold, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l).gold);
const byId = {};
items.forEach((it, i) => { it.id = 'i' + i; byId[it.id] = it; });
const sys = {
  retrieveLocale: l => { try { return locale(l); } catch (e) { return locale('en-US'); } },
  retrieveItem: id => byId[id],
};
const out = [];
for (const it of items) {
  const engine = new CSL.Engine(sys, style, lang, true);
  engine.setOutputFormat('text');
  engine.updateItems([it.id]);
  out.push(engine.makeBibliography()[1].join('').replace(/\s+/g, ' ').trim());
}
process.stdout.write(out.join('\n\n') + '\n');
