// What an editor pays per keystroke in Node, on the MTOS example (17 SLO
// instances, 30 days × 1 minute): `new Engine(text)` for the edited text
// and `evaluate(at, series, {burnRates: true})`, without and with a Memo,
// for an edit of one SLO's objective and for an edit of a rule.
//
//   npm run bench:edits -w @slogate/engine        (ROUNDS=31 to change the count)
//
// Prints the median and the fastest of ROUNDS keystrokes after 5 of
// warm-up, alternating between two versions of the text as typing does.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, Memo, initSync } from '@slogate/engine';
import { parseData } from '@slogate/engine/data';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const ROUNDS = Number(process.env.ROUNDS ?? 31);

initSync(readFileSync(join(here, '../dist/slogate_engine_bg.wasm')));
const runs = JSON.parse(readFileSync(join(root, 'examples/runs.json'), 'utf8'));
const run = runs.filter((r) => r.example === 'mtos').at(-1);
const policy = readFileSync(join(root, run.policy), 'utf8');
const series = Object.entries(run.data).flatMap(([name, path]) => parseData(readFileSync(join(root, path)), name, { source: path }));
const at = Date.parse(run.at);

const edits = {
  'an SLO objective (99.9% ↔ 99.95%)': [policy, policy.replace('objective: 99.9%', 'objective: 99.95%')],
  'a rule (remaining <= 50% ↔ 55%)': [policy, policy.replace('remaining <= 50%', 'remaining <= 55%')],
};

console.log(`@slogate/engine, MTOS at ${run.at} (${series.length} series), Node ${process.version}: one keystroke = new Engine(text) + evaluate(…, {burnRates: true})`);
for (const [what, texts] of Object.entries(edits)) {
  if (texts[0] === texts[1]) throw new Error(`the MTOS policy has no text for ${what}`);
  for (const withMemo of [false, true]) {
    const memo = withMemo ? new Memo() : undefined;
    const times = [];
    let previous = null;
    let reused = 0;
    for (let i = 0; i < ROUNDS + 5; i += 1) {
      const start = performance.now();
      const engine = new Engine(texts[i % 2]);
      engine.evaluate(at, series, memo ? { burnRates: true, memo } : { burnRates: true });
      const ms = performance.now() - start;
      // The memo builds on the last engine: freed after its successor evaluated.
      previous?.free();
      previous = engine;
      if (i >= 5) times.push(ms);
      reused = memo?.reused ?? 0;
    }
    previous?.free();
    times.sort((a, b) => a - b);
    const median = times[times.length >> 1];
    console.log(`  ${what}, ${withMemo ? 'with a memo   ' : 'without a memo'}: median ${median.toFixed(2)} ms, fastest ${times[0].toFixed(2)} ms${withMemo ? ` (${reused} SLOs reused)` : ''}`);
  }
}
