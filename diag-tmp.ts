import fs from 'node:fs';
import { parseFebrl, type FebrlSet } from './main/identity/febrl';
import { link } from './main/identity/model/link';
import { scorePair } from './main/identity/model/fellegi-sunter';
const files = process.argv.slice(2);
const all: FebrlSet = { records: [], truth: [] };
const hh: string[] = [];
for (const f of files) { const s = parseFebrl(fs.readFileSync(f, 'utf8'), f, { dropNationalId: !!process.env.DROP }); all.records.push(...s.records); all.truth.push(...s.truth); hh.push(...(s.households ?? [])); }
const r = link(all.records);
const c = r.clusters.clusterOf;
const show = (i: number) => { const x = all.records[i]!; return `${x.given ?? '-'} ${x.family ?? '-'} | ${x.birthDate ?? '-'} | ${x.street ?? '-'} ${x.postalCode ?? '-'} | ${x.emails.join(';') || '-'} | ${x.phones.join(';') || '-'}`; };
const blocked = new Set<number>(); const n = all.records.length;
for (let p = 0; p < r.blocking.left.length; p++) blocked.add(r.blocking.left[p]! * n + r.blocking.right[p]!);
const byTruth = new Map<string, number[]>();
all.truth.forEach((t, i) => { const l = byTruth.get(t) ?? []; l.push(i); byTruth.set(t, l); });
const missed: [number, number][] = [];
for (const l of byTruth.values()) for (let a = 0; a < l.length; a++) for (let b = a + 1; b < l.length; b++) if (c[l[a]!] !== c[l[b]!]) missed.push([Math.min(l[a]!, l[b]!), Math.max(l[a]!, l[b]!)]);
const byCluster = new Map<number, number[]>();
c.forEach((k, i) => { const l = byCluster.get(k) ?? []; l.push(i); byCluster.set(k, l); });
const wrong: [number, number][] = [];
for (const l of byCluster.values()) for (let a = 0; a < l.length; a++) for (let b = a + 1; b < l.length; b++) if (all.truth[l[a]!] !== all.truth[l[b]!]) wrong.push([l[a]!, l[b]!]);
const mode = process.env.MODE ?? 'wrong';
const list = mode === 'wrong' ? wrong : missed;
const filter = process.env.F ? new RegExp(process.env.F) : null;
console.log(mode, list.length);
const cats = new Map<string, number>();
let shown = 0;
for (const [a, b] of list) {
  const s = scorePair(r.model, r.features[a]!, r.features[b]!);
  const isBlocked = blocked.has(a * n + b);
  const cat = !isBlocked ? 'unblocked' : s.vetoed ? `veto:${s.veto}` : s.logOdds >= 0 ? 'above(cluster refused)' : s.logOdds >= -4 ? 'review' : 'low';
  cats.set(cat, (cats.get(cat) ?? 0) + 1);
  const line = `${s.logOdds.toFixed(1)} ${cat} hh ${hh[a]}/${hh[b]}\n   ${show(a)}\n   ${show(b)}\n   ${s.contributions.filter((x) => x.level !== null).map((x) => `${x.comparison}:${x.level}:${x.weight.toFixed(1)}`).join(' ')}`;
  if ((filter === null || filter.test(line)) && shown < Number(process.env.N ?? 20)) { console.log(line); shown++; }
}
console.log([...cats].sort((x, y) => y[1] - x[1]));
