// tests/unit/root/jsroot_dump.mjs - what jsroot (an independent reader) reads
// from a ROOT file, as JSON on stdout, for writer_jsroot_test.cpp.
//
//   node jsroot_dump.mjs JSROOT_DIR FILE hist PATH...
//   node jsroot_dump.mjs JSROOT_DIR FILE tree NAME BRANCH...
//
// hist: per path, the class, title, entries, edges (from fXbins or
// fXmin/fXmax/fNbins), fArray (with under/overflow) and fSumw2.
// tree: fEntries and, per branch, every entry's value in order.
// Any failure (jsroot refusing the file) prints the reason and exits 1.
import { pathToFileURL } from 'node:url';

const [jsrootDir, file, mode, ...names] = process.argv.slice(2);
try {
  const { openFile, treeProcess, TSelector } = await import(pathToFileURL(`${jsrootDir}/modules/main.mjs`).href);
  const f = await openFile(file);
  const out = {};
  if (mode === 'hist') {
    for (const path of names) {
      const h = await f.readObject(path);
      const ax = h.fXaxis;
      let edges = Array.from(ax.fXbins);
      if (edges.length === 0)
        edges = Array.from({ length: ax.fNbins + 1 }, (_, i) => ax.fXmin + (i * (ax.fXmax - ax.fXmin)) / ax.fNbins);
      out[path] = { className: h._typename, title: h.fTitle, entries: h.fEntries, edges,
                    contents: Array.from(h.fArray), sumw2: Array.from(h.fSumw2) };
    }
  } else if (mode === 'tree') {
    const [treeName, ...branches] = names;
    const t = await f.readObject(treeName);
    const columns = Object.fromEntries(branches.map(b => [b, []]));
    const sel = new TSelector();
    for (const b of branches)
      sel.addBranch(b);
    sel.Process = function () {
      for (const b of branches)
        columns[b].push(Number(this.tgtobj[b]));
    };
    await treeProcess(t, sel);
    out.entries = t.fEntries;
    out.branches = columns;
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.stdout.write(JSON.stringify(out));
} catch (e) {
  process.stderr.write(`jsroot: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
}
