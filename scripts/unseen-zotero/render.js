// Renders CSL-JSON items as ONE APA 7 bibliography with citeproc-js and the
// APA CSL style of ../shared/tools (as the dev corpus was made):
//   node render.js SHARED_TOOLS CSL.json RENDERED.json
// citeproc comes from NODE_PATH, or else from SHARED_TOOLS/node_modules.
const fs = require('fs');
const path = require('path');
const [tools, inPath, outPath] = process.argv.slice(2);
let CSL;
try { CSL = require('citeproc'); } catch (e) { CSL = require(path.join(tools, 'node_modules', 'citeproc')); }
const items = JSON.parse(fs.readFileSync(inPath, 'utf8'));
const byId = new Map(items.map(i => [i.id, i]));
const style = fs.readFileSync(path.join(tools, 'csl', 'apa.csl'), 'utf8');
const locale = fs.readFileSync(path.join(tools, 'csl', 'locales-en-US.xml'), 'utf8');
const engine = new CSL.Engine({ retrieveLocale: () => locale, retrieveItem: id => byId.get(id) }, style, 'en-US', true);
engine.setOutputFormat('text');
engine.updateItems(items.map(i => i.id));
const [meta, entries] = engine.makeBibliography();
fs.writeFileSync(outPath, JSON.stringify(meta.entry_ids.map((ids, k) => ({ id: ids[0], text: entries[k].trim() }))));
