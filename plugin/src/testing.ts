// What the Jest tests share (not part of the plugin: module.ts never
// imports it): the engine loaded from disk, and a small policy with
// Prometheus-shaped frames for it.

import { readFileSync } from 'fs';
import { join } from 'path';

import { FieldType, createDataFrame } from '@grafana/data';
import { initSync } from '@slogate/engine';

export const MINUTE = 60_000;
export const AT = Date.UTC(2026, 2, 1, 12);
/** Minutes of data: the plan of a 1-hour window reads 3d1h15m back (the 3d burn rate every report carries). */
export const DAYS_4 = 4 * 24 * 60;

/** The module from the package's build; in Grafana it comes from the plugin's directory. */
export function loadEngineFromDisk() {
  initSync(readFileSync(join(__dirname, '../../pkg/dist/slogate_engine_bg.wasm')));
}

/** 99% of requests good over a rolling hour, frozen below half the budget. */
export const POLICY = `apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: demo}
spec:
  slos:
    - name: availability
      objective: 99%
      window: {rolling: 1h}
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "remaining < 50%", action: "Ship nothing but fixes"}
`;

/** Frames `total` (10 req/s) and `good` (`goodRate`): `minutes` of samples every `stepMs` ending at AT. */
export function ratioFrames(goodRate: number, { minutes = DAYS_4, stepMs = MINUTE } = {}) {
  const n = Math.floor((minutes * MINUTE) / stepMs) + 1;
  const time = Array.from({ length: n }, (_, i) => AT - (n - 1 - i) * stepMs);
  const frame = (refId: string, v: number) =>
    createDataFrame({
      refId,
      fields: [
        { name: 'Time', type: FieldType.time, values: time, config: { interval: stepMs } },
        { name: 'Value', type: FieldType.number, values: time.map(() => v), config: {} },
      ],
    });
  return [frame('total', 10), frame('good', goodRate)];
}
