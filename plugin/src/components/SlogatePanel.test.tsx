import { FieldType, LoadingState, PanelProps, createDataFrame, dateTime } from '@grafana/data';
import { fireEvent, render, screen } from '@testing-library/react';
import React from 'react';

import { DEFAULT_QUICK } from '../data/quick';
import { AT, DAYS_4 as MINUTES, MINUTE, POLICY, loadEngineFromDisk, ratioFrames as frames } from '../testing';
import { SlogateOptions } from '../types';
import { SlogatePanel, policyText } from './SlogatePanel';

// The module is loaded from disk here; in Grafana from the plugin's directory.
jest.mock('../engine', () => ({ loadEngine: () => Promise.resolve() }));

beforeAll(loadEngineFromDisk);

function props(options: Partial<SlogateOptions>, series = frames(9.94)): PanelProps<SlogateOptions> {
  const timeRange = { from: dateTime(AT - MINUTES * MINUTE), to: dateTime(AT), raw: { from: 'now-4d', to: 'now' } };
  return {
    id: 1,
    data: { series, state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options: {
      policy: POLICY,
      mappings: [],
      views: { figures: true, burndown: true, burnRates: true },
      runbooks: [],
      ...options,
    },
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (s: string) => s,
    eventBus: {} as never,
    width: 800,
    height: 600,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'SLOs',
    transparent: false,
    onChangeTimeRange: jest.fn(),
  } as PanelProps<SlogateOptions>;
}

test('the verdict first, then the SLO with its numbers, each explainable', async () => {
  render(<SlogatePanel {...props({ runbooks: [{ level: 'freeze', url: 'https://runbooks.example/freeze' }] })} />);
  const verdict = await screen.findByRole('region', { name: /^verdict: freeze: all 1 SLO at freeze$/ });
  expect(verdict).toHaveTextContent('✕ freeze');
  expect(verdict).toHaveTextContent('demo');
  expect(verdict).toHaveTextContent('→ Ship nothing but fixes');
  expect(screen.getAllByText('Runbook for freeze')[0].closest('a')).toHaveAttribute(
    'href',
    'https://runbooks.example/freeze'
  );
  const card = screen.getByRole('article', { name: 'availability: freeze' });
  expect(card).toHaveTextContent('remaining < 50%');
  expect(card).toHaveTextContent('→ Ship nothing but fixes');
  // 0.6% errors of a 1% budget: 40% left.
  const meter = screen.getByRole('meter', { name: 'remaining error budget' });
  expect(meter).toHaveAttribute('aria-valuenow', '40');
  expect(meter).toHaveAttribute('aria-valuetext', '40.0% left: 144 events of 360 events');
  // Burn rates and alerts: built when their section opens.
  expect(screen.queryByRole('table')).toBeNull();
  const section = screen.getByText('Burn rates and alerts').closest('details')!;
  section.open = true;
  fireEvent(section, new Event('toggle'));
  const table = await screen.findByRole('table');
  expect(table).toHaveTextContent('Burn rates (1 = spending exactly the budget over the period)');
  expect(screen.getByRole('list', { name: 'alerts' })).toHaveTextContent(/page/);
  const why = screen.getByRole('button', { name: /^Explain remaining budget: / });
  expect(why).toHaveAttribute('aria-expanded', 'false');
  fireEvent.click(why);
  expect(why).toHaveAttribute('aria-expanded', 'true');
  expect(document.getElementById(why.getAttribute('aria-controls')!)).toHaveTextContent(/remaining/);
});

test('a single-window alert at a fixed factor: its one window against the factor, explained', async () => {
  const policy = POLICY.replace(
    '      sli: {ratio: {good: good, total: total}}',
    '      sli: {ratio: {good: good, total: total}}\n      alerting: [{name: single, severity: ticket, windows: [{long: 1h, factor: 0.5}]}]'
  );
  render(<SlogatePanel {...props({ policy })} />);
  const section = (await screen.findByText('Burn rates and alerts')).closest('details')!;
  section.open = true;
  fireEvent(section, new Event('toggle'));
  // 0.6% failing of a 1% budget: a burn rate of 0.6 over 1h, above ×0.5.
  const alerts = await screen.findByRole('list', { name: 'alerts' });
  expect(alerts).toHaveTextContent('1h 0.60 > ×0.5: firing');
  const why = screen.getByRole('button', { name: /^Explain single 1h: / });
  fireEvent.click(why);
  expect(document.getElementById(why.getAttribute('aria-controls')!)).toHaveTextContent(
    'single fires when the burn rate over 1h exceeds ×0.5: a fixed factor'
  );
});

test('an alert with a hold time: pending until it has held, then firing, explained', async () => {
  const held = (hold: string) =>
    POLICY.replace(
      '      sli: {ratio: {good: good, total: total}}',
      `      sli: {ratio: {good: good, total: total}}\n      alerting: [{name: held, severity: ticket, for: ${hold}, windows: [{long: 1m, factor: 0.5}]}]`
    );
  // Four days of one-minute samples, all good until 30 minutes before AT,
  // then 0.6% failing: the 1m burn rate is 0.6 > 0.5 from the minute after,
  // so at AT the condition has held for 29 minutes (steps of one minute).
  const time = Array.from({ length: MINUTES + 1 }, (_, i) => AT - (MINUTES - i) * MINUTE);
  const frame = (refId: string, v: (t: number) => number) =>
    createDataFrame({
      refId,
      fields: [
        { name: 'Time', type: FieldType.time, values: time, config: { interval: MINUTE } },
        { name: 'Value', type: FieldType.number, values: time.map(v), config: {} },
      ],
    });
  const series = [frame('total', () => 10), frame('good', (t) => (t > AT - 30 * MINUTE ? 9.94 : 10))];
  const open = async () => {
    const section = (await screen.findByText('Burn rates and alerts')).closest('details')!;
    section.open = true;
    fireEvent(section, new Event('toggle'));
    return screen.findByRole('list', { name: 'alerts' });
  };
  // A rule on the alert alone: its reason has no number to show (not "no data").
  const onAlert = held('20m').replace(
    '      - {level: freeze, when: "remaining < 50%", action: "Ship nothing but fixes"}',
    '      - {level: freeze, when: "alert(held)"}'
  );
  const { unmount } = render(<SlogatePanel {...props({ policy: onAlert }, series)} />);
  expect(await open()).toHaveTextContent(/held \(ticket\) firing/);
  const why = screen.getByRole('list', { name: 'why freeze' });
  expect(why).toHaveTextContent(/^alert\(held\)$/);
  unmount();
  render(<SlogatePanel {...props({ policy: held('1h') }, series)} />);
  const alerts = await open();
  expect(alerts).toHaveTextContent(/held \(ticket\) pending 29m\/1h/);
  // Its pair's condition holds: "above", not "firing".
  expect(alerts).toHaveTextContent('1m 0.60 > ×0.5: above');
  const explain = screen.getByRole('button', { name: /^Explain held state/ });
  fireEvent.click(explain);
  expect(document.getElementById(explain.getAttribute('aria-controls')!)).toHaveTextContent(
    /held fires once any of its pairs fires and has at every step of the data for 1h: its condition has held since .+, 29m of 1h/
  );
});

test('an invalid policy: its findings with line and column', async () => {
  render(<SlogatePanel {...props({ policy: POLICY.replace('objective: 99%', 'objectiv: 99%') })} />);
  expect(await screen.findByText(/unknown key "objectiv" \(did you mean "objective"\?\)/)).toBeInTheDocument();
  expect(screen.getByText('7:7')).toBeInTheDocument();
});

test('a range too short for the policy: the fix, and no numbers', async () => {
  const short = frames(9.94).map((f) => ({
    ...f,
    fields: f.fields.map((x) => ({ ...x, values: x.values.slice(-60) })),
    length: 60,
  }));
  render(<SlogatePanel {...props({}, short)} />);
  expect(await screen.findByText(/set this panel's Relative time to now-4d/)).toBeInTheDocument();
  expect(screen.queryByRole('meter')).toBeNull();
});

test('a narrow panel shows the verdict alone', async () => {
  render(<SlogatePanel {...{ ...props({}), width: 200, height: 120 }} />);
  const verdict = await screen.findByRole('region', { name: /^verdict: freeze/ });
  // Without the cards, the verdict still says what to do and which SLO.
  expect(verdict).toHaveTextContent('→ Ship nothing but fixes');
  expect(verdict).toHaveTextContent('freeze availability');
  expect(screen.queryByRole('article')).toBeNull();
});

test("a series the data lacks: the engine's error naming it", async () => {
  render(<SlogatePanel {...props({}, frames(9.94).slice(0, 1))} />);
  expect(await screen.findByText('no data for series `good`')).toBeInTheDocument();
  expect(
    screen.getByText("the policy's spec.slos[0].sli.ratio.good names series `good`, the data has: total")
  ).toBeInTheDocument();
});

test('quick mode: the fields write the policy the panel evaluates', async () => {
  // The default, 99.9% over 28 days, reads eight weeks back: four days of data are the fix, not numbers.
  const { unmount } = render(<SlogatePanel {...props({ mode: 'quick' })} />);
  expect(await screen.findByText(/^The policy reads \S+ of history \(good, total\)/)).toBeInTheDocument();
  unmount();
  // Over an hour the same data are numbers: 0.6% errors spend 60% of a 1% budget, 40% left < 50%: freeze.
  render(
    <SlogatePanel
      {...props({
        mode: 'quick',
        quick: { ...DEFAULT_QUICK, objective: '99', window: '1h', kind: 'rate', freezeBelow: '50' },
      })}
    />
  );
  const card = await screen.findByRole('article', { name: 'availability: freeze' });
  expect(card).toHaveTextContent('remaining < 50%');
  expect(screen.getByRole('meter')).toHaveAttribute('aria-valuenow', '40');
});

test('no data, or none the policy reads: the no-data view says which series it wants', async () => {
  const { unmount } = render(<SlogatePanel {...props({}, [])} />);
  expect(
    await screen.findByText("Unable to render data: no data for the policy's series good, total.")
  ).toBeInTheDocument();
  unmount();
  const renamed = frames(9.94).map((f, i) => ({ ...f, refId: i === 0 ? 'A' : 'B' }));
  render(<SlogatePanel {...props({}, renamed)} />);
  expect(
    await screen.findByText(
      'Unable to render data: none of the 2 series the queries returned is one the policy reads (good, total): name the queries after them (refId) or map them under Series mappings.'
    )
  ).toBeInTheDocument();
});

test('a panel a grid cell across: the level alone, its counts as the name', async () => {
  render(<SlogatePanel {...{ ...props({}), width: 90, height: 40 }} />);
  const verdict = await screen.findByRole('region', { name: 'verdict: freeze: all 1 SLO at freeze' });
  expect(verdict).toHaveTextContent(/^✕ freeze$/);
  expect(verdict).toHaveAttribute('title', 'freeze: all 1 SLO at freeze');
});

test('dashboard variables in the policy text are replaced; quick mode writes its own text', () => {
  const vars: Record<string, string> = { $objective: '99.5%', '${service}': 'checkout' };
  const replace = (s: string) => s.replace(/\$objective|\$\{service\}/g, (v) => vars[v]);
  const options = (mode: 'quick' | 'policy', policy: string) => props({ mode, policy }).options;
  const text = policyText(options('policy', 'metadata: {name: ${service}}\nobjective: $objective'), replace);
  expect(text).toBe('metadata: {name: checkout}\nobjective: 99.5%');
  expect(policyText(options('quick', 'ignored $objective'), replace)).toMatch(/^# Written by the panel's quick mode/);
});
