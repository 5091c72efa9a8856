import { FieldType, createDataFrame, toDataFrame } from '@grafana/data';

import { framesToSeries } from './frames';
import { parseMatchers, matches } from './matcher';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 1);

/** A frame as Grafana's Prometheus datasource delivers a range query's series. */
function promFrame(refId: string, labels: Record<string, string>, values: Array<number | null>, extra: object = {}) {
  return createDataFrame({
    refId,
    meta: { type: 'timeseries-multi' as never },
    fields: [
      {
        name: 'Time',
        type: FieldType.time,
        values: values.map((_, i) => T0 + i * MINUTE),
        config: { interval: MINUTE },
      },
      { name: 'Value', type: FieldType.number, values, labels, config: {}, ...extra },
    ],
  });
}

describe('framesToSeries', () => {
  test('a frame per series: the refId names it, labels and step come along, columns are Float64Arrays', () => {
    const frames = [promFrame('good', { job: 'api' }, [1, 2, 3]), promFrame('total', { job: 'api' }, [2, 2, 4])];
    const { series, unused, problems } = framesToSeries(frames, [], ['good', 'total']);
    expect(problems).toEqual([]);
    expect(unused).toEqual([]);
    expect(series.map((s) => s.name)).toEqual(['good', 'total']);
    expect(series[0].labels).toEqual({ job: 'api' });
    expect(series[0].stepMs).toBe(MINUTE);
    expect(series[0].times).toBeInstanceOf(Float64Array);
    expect(Array.from(series[0].times)).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
    expect(series[1].values).toBeInstanceOf(Float64Array);
    expect(Array.from(series[1].values)).toEqual([2, 2, 4]);
  });

  test('null is a missing sample; NaN and ±Inf that Grafana nulled come back from entities', () => {
    const frame = promFrame('good', {}, [1, null, null, null, 5], { entities: { NaN: [1], Inf: [2], NegInf: [3] } });
    const [s] = framesToSeries([frame], [], ['good']).series;
    expect(Array.from(s.values)).toEqual([1, NaN, Infinity, -Infinity, 5]);
  });

  test('mappings by refId, field name and label matcher; the first that matches wins', () => {
    const frames = [
      promFrame('A', { code: '200' }, [9]),
      promFrame('A', { code: '503' }, [1]),
      promFrame('B', {}, [10]),
      toDataFrame({
        refId: 'C',
        fields: [
          { name: 'time', type: FieldType.time, values: [T0] },
          { name: 'errors', type: FieldType.number, values: [3] },
          { name: 'requests', type: FieldType.number, values: [30] },
        ],
      }),
    ];
    const { series, unused } = framesToSeries(
      frames,
      [
        { series: 'bad', refId: 'A', labels: '{code=~"5.."}' },
        { series: 'total', refId: 'B' },
        { series: 'bad2', refId: 'C', field: 'errors' },
        { series: 'total2', field: 'requests' },
      ],
      ['bad', 'total']
    );
    expect(series.map((s) => [s.name, Array.from(s.values)[0]])).toEqual([
      ['bad', 1],
      ['total', 10],
      ['bad2', 3],
      ['total2', 30],
    ]);
    expect(unused).toEqual([{ refId: 'A', field: 'Value', labels: { code: '200' } }]);
  });

  test('what cannot be read is said: a bad matcher, a result without time', () => {
    const noTime = toDataFrame({ refId: 'X', fields: [{ name: 'v', type: FieldType.number, values: [1] }] });
    const { problems, series } = framesToSeries(
      [noTime, promFrame('good', {}, [1])],
      [{ series: 'good', labels: '{code=~"("}' }],
      ['good']
    );
    expect(problems[0]).toMatch(
      /^series mapping 1 \(good\): label matcher, column 8: the regular expression of code is not valid/
    );
    expect(problems[1]).toBe(
      'query X: a result without a time field (use a range query, or a table with a time column)'
    );
    // The broken mapping is skipped; the refId still names the series.
    expect(series.map((s) => s.name)).toEqual(['good']);
  });

  test('rows without a time are left out of both columns', () => {
    const frame = toDataFrame({
      refId: 'good',
      fields: [
        { name: 'time', type: FieldType.time, values: [T0, null, T0 + 2 * MINUTE] },
        { name: 'v', type: FieldType.number, values: [1, 2, 3] },
      ],
    });
    const [s] = framesToSeries([frame], [], ['good']).series;
    expect(Array.from(s.times)).toEqual([T0, T0 + 2 * MINUTE]);
    expect(Array.from(s.values)).toEqual([1, 3]);
    expect(s.stepMs).toBeUndefined();
  });

  test("within the plan's range: from the last sample at or before its start (every row of that time) to its end", () => {
    const at = (m: number) => T0 + m * MINUTE;
    const frame = (times: number[], values: Array<number | null>, extra: object = {}) =>
      toDataFrame({
        refId: 'good',
        fields: [
          { name: 'time', type: FieldType.time, values: times },
          { name: 'v', type: FieldType.number, values, ...extra },
        ],
      });
    const read = (f: ReturnType<typeof frame>, start: number, end: number) => {
      const {
        series: [s],
        firstTimes: [first],
      } = framesToSeries([f], [], ['good'], { start, end });
      // The earliest time, found on the way, is that of what was kept.
      const finite = Array.from(s.times).filter(Number.isFinite);
      expect(first).toBe(finite.length > 0 ? Math.min(...finite) : null);
      return [Array.from(s.times), Array.from(s.values)];
    };
    const times = [0, 1, 2, 2, 3, 4, 5].map(at);
    const values = [0, 1, 20, 21, 3, 4, 5];
    // Start at 2½: the rows at 2 (both: the engine keeps the later) stay; end at 4.
    expect(read(frame(times, values), at(2.5), at(4))).toEqual([[2, 2, 3, 4].map(at), [20, 21, 3, 4]]);
    // A start on a sample keeps it and not the one before.
    expect(read(frame(times, values), at(3), at(5))).toEqual([[3, 4, 5].map(at), [3, 4, 5]]);
    // A range before or after every sample: the first sample only, or all but those after the end.
    expect(read(frame(times, values), at(-5), at(-1))).toEqual([[], []]);
    expect(read(frame(times, values), at(9), at(10))).toEqual([[at(5)], [5]]);
    // NaN and ±Inf Grafana nulled keep their rows.
    const nulled = frame(times, [0, 1, null, null, 3, null, 5], { entities: { Inf: [2], NegInf: [5], NaN: [3] } });
    expect(read(nulled, at(2.5), at(5))).toEqual([[2, 2, 3, 4, 5].map(at), [Infinity, NaN, 3, -Infinity, 5]]);
    // Out of order, or a row without a time: the engine sorts and drops, so all is kept.
    expect(read(frame([at(5), at(0), at(1)], [5, 0, 1]), at(2), at(5))).toEqual([[5, 0, 1].map(at), [5, 0, 1]]);
    expect(read(frame([at(0), null as never, at(5)], [0, 1, 5]), at(2), at(5))).toEqual([[0, 5].map(at), [0, 5]]);
    // Times that are no time for the engine either are no earliest time.
    expect(read(frame([-Infinity, at(1), at(2)], [0, 1, 2]), at(0), at(5))).toEqual([
      [-Infinity, at(1), at(2)],
      [0, 1, 2],
    ]);
    expect(read(frame([-Infinity, at(1), at(2)], [0, 1, 2]), at(1.5), at(5))).toEqual([
      [at(1), at(2)],
      [1, 2],
    ]);
    expect(read(frame([NaN, at(3), at(1)], [0, 3, 1]), at(2), at(5))).toEqual([
      [NaN, at(3), at(1)],
      [0, 3, 1],
    ]);
  });
});

describe('label matchers', () => {
  test('PromQL forms, braces optional, anchored regular expressions', () => {
    const m = parseMatchers('{job="api", code=~"5..", env!="dev", path!~"/health.*"}');
    expect(matches(m, { job: 'api', code: '503', env: 'prod', path: '/v1' })).toBe(true);
    expect(matches(m, { job: 'api', code: '5030', env: 'prod', path: '/v1' })).toBe(false);
    expect(matches(m, { job: 'api', code: '503', env: 'prod', path: '/healthz' })).toBe(false);
    expect(matches(parseMatchers('job="a\\"b"'), { job: 'a"b' })).toBe(true);
    expect(matches(parseMatchers(''), {})).toBe(true);
    expect(matches(parseMatchers('{missing=""}'), {})).toBe(true);
  });

  test('errors name the column', () => {
    expect(() => parseMatchers('{job=api}')).toThrow(
      'label matcher, column 6: expected a double-quoted value after job='
    );
    expect(() => parseMatchers('{job="api"')).toThrow('label matcher, column 11: expected } at the end');
    expect(() => parseMatchers('{job~"x"}')).toThrow('label matcher, column 5: expected =, !=, =~ or !~ after job');
    expect(() => parseMatchers('{job="x}')).toThrow('label matcher, column 6: the value of job has no closing quote');
  });
});
