// CSL-JSON -> FORMAT -> CSL-JSON with citation.js, entry by entry (an entry
// that fails becomes an empty item and is counted):
//   NODE_PATH=DIR/node_modules node peers-citationjs.js IN.json FORMAT OUT.json
const { Cite } = require('@citation-js/core');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-ris');
require('@citation-js/plugin-csl');
const fs = require('fs');
const [,, inp, fmt, out] = process.argv;
const items = JSON.parse(fs.readFileSync(inp, 'utf8'));
const t0 = Date.now();
const mids = items.map(it => {
  try { return new Cite([it]).format(fmt === 'ris' ? 'ris' : fmt); } catch (e) { return null; }
});
const t1 = Date.now();
fs.writeFileSync(out + '.mid', mids.filter(Boolean).join('\n'));
let fail = 0, failw = 0;
const data = mids.map((m, i) => {
  if (m === null) { failw++; return { id: items[i].id, type: 'document' }; }
  try {
    const back = new Cite(m, { forceType: fmt === 'ris' ? '@ris/file' : '@biblatex/text' });
    const x = back.data[0] || {};
    return { ...x, id: items[i].id };
  } catch (e) { fail++; return { id: items[i].id, type: 'document' }; }
});
fs.writeFileSync(out, JSON.stringify(data));
console.error(`${items.length} in; ${failw} not written; ${fail} not read back; write ${t1 - t0} ms`);
