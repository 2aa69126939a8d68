import { findingsFromPostprocess } from '../src/core/analysis/findings';
import { Rescorer } from '../src/core/analysis/rescore';
import type { GtRegion } from '../src/core/dataset/sample';
import type { Polygon } from '../src/core/geometry/types';
import { dbPostprocess } from '../src/core/postprocess/db-postprocess';
import { DEFAULT_DB_PARAMS } from '../src/core/postprocess/params';
import { NAMES, loadExpected, loadProb } from '../tests/unit/postprocess/fixtures';
const pages = NAMES.map((name) => { const e = loadExpected(name); const gt: GtRegion[] = (e.settings[0].boxes_from_bitmap.boxes ?? []).map((points) => ({ points: points as Polygon, dontCare: false })); return { name, h: e.height, w: e.width, prob: loadProb(name), gt }; });
const runs = pages.map((p) => dbPostprocess(p.prob, p.h, p.w, { ...DEFAULT_DB_PARAMS }));
const inputs = Array.from({ length: 60 }, (_, index) => { const k = index % pages.length; return { index, name: `${index}`, gt: pages[k].gt, found: findingsFromPostprocess(runs[k]) }; });
const r = new Rescorer(inputs, 'seed');
r.score({boxThresh:0.6,minSize:3});
const t=performance.now();
for (let i=0;i<100;i++) { (r as any).entries.forEach((e:any)=>e.memo.clear()); r.score({boxThresh:0.3+ (i%7)*0.08,minSize:3}); }
console.log('per image eval us', (performance.now()-t)/100/60*1000);
