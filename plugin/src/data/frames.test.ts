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
