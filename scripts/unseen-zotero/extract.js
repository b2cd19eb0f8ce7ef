// Extracts the items of the Zotero translators' test cases from the npm
// package zotero-translators@0.0.2 (a 2019 bundle of zotero/translators):
//   node extract.js PACKAGE/index.js ITEMS.json
// Each translator's source is a string in the bundle; its test cases sit
// between "BEGIN TEST CASES" and "END TEST CASES" as a JavaScript array.
const fs = require('fs');
const [bundle, outPath] = process.argv.slice(2);
const src = fs.readFileSync(bundle, 'utf8');
const out = [];
let failed = 0;
const re = /BEGIN TEST CASES \*\*\/(.*?)\/\*\* END TEST CASES/g;
for (let m; (m = re.exec(src));) {
  const before = src.slice(Math.max(0, m.index - 400000), m.index);
  const label = ([...before.matchAll(/\\"label\\": *\\"([^\\"]*)\\"/g)].pop() || [, '?'])[1];
  let cases;
  try {
    const body = JSON.parse('"' + m[1] + '"')
      .replace(/^\s*var testCases\s*=\s*/, '').replace(/;\s*$/, '');
    cases = eval('(' + body + ')'); // the test data of a published package
  } catch (e) { failed++; continue; }
  cases.forEach((c, i) => {
    if (Array.isArray(c.items)) c.items.forEach((item, j) => out.push({ label, case: i, j, item }));
  });
}
fs.writeFileSync(outPath, JSON.stringify(out));
console.error(`${out.length} items; ${failed} test blocks not read`);
