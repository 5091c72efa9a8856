// The scenario's parameters as a form, without a framework:
//
//   const form = scenarioForm(params, (next) => regenerate(next), { plan });
//   container.append(form);
//
// Every input that reads cleanly calls onChange with a complete, valid copy
// of the parameters; one that does not is marked (aria-invalid) with its
// message beside it and changes nothing. Lists (incidents, maintenance
// windows, counter resets, gaps) have add and remove buttons. With a `plan`
// (engine.plan(at)), series fields offer the policy's series and each gauge
// without a known threshold gets a row for it. Styles: scenario-form.css.
// Built with createElement/textContent and addEventListener only, so it
// works under `script-src 'self'` with no inline script or style.

import {
  checkScenario,
  DEFAULT_GAP,
  DEFAULT_INCIDENT,
  DEFAULT_MAINTENANCE,
  DEFAULT_RESET,
  LIMITS,
  OPS,
  SHAPES,
  seriesRole,
} from './scenario.js';
import {
  choiceReader,
  control,
  durationReader,
  el,
  Ids,
  numberReader,
  plain,
  textReader,
  whenReader,
} from './scenario/form-fields.js';

const SHAPE_TEXT = { constant: 'Constant', daily: 'Daily cycle', weekly: 'Daily and weekly cycle' };
const percent = (fraction) => plain(fraction * 100);

/**
 * A `<form class="scenario-form">` for `params` (checked: missing or wrong
 * values show their defaults). `onChange(params)` gets a fresh copy on each
 * valid change. `options.plan` lists the policy's series. The element also
 * has `params` (a copy of the current ones), `setParams(params)` and
 * `setPlan(plan)`, which redraw it without calling onChange (the focused
 * control keeps the focus).
 */
export function scenarioForm(params, onChange, options = {}) {
  let state = checkScenario(params).params;
  let plan = options.plan ?? null;
  const ids = new Ids();
  /** Text of controls that do not read cleanly, by name: kept across redraws. */
  const drafts = new Map();
  /** The gauge threshold rows' op and value texts, by series name, until both read as a threshold. */
  const pendingThresholds = new Map();
  const form = el('form', { class: 'scenario-form', 'aria-label': 'Scenario', novalidate: true });
  form.addEventListener('submit', (event) => event.preventDefault());

  const emit = () => onChange(structuredClone(state));
  /** Sets the value at `path` (['incidents', 0, 'start']) and tells onChange. */
  const set = (path) => (value) => {
    let target = state;
    for (const key of path.slice(0, -1)) target = target[key];
    target[path.at(-1)] = value;
    emit();
  };

  function render() {
    const focused = form.contains(document.activeElement) ? document.activeElement.name || document.activeElement.dataset.action : null;
    ids.reset();
    form.replaceChildren(
      trafficSection(),
      errorSection(),
      listSection('incidents', 'Incidents', 'incident', () => ({ ...DEFAULT_INCIDENT }), incidentRow),
      listSection('maintenance', 'Maintenance windows', 'maintenance window', () => ({ ...DEFAULT_MAINTENANCE }), maintenanceRow,
        'Failures a policy\'s exclude should cover: the generator writes them, the policy decides.'),
      listSection('resets', 'Counter resets', 'counter reset', () => DEFAULT_RESET, resetRow,
        'Every counter series drops to 0 and counts on (a process restart).'),
      listSection('gaps', 'Gaps', 'gap', () => ({ ...DEFAULT_GAP }), gapRow, 'No samples at all: missing data, not failures.'),
      thresholdSection(),
    );
    if (focused) {
      const again = [...form.querySelectorAll('[name], [data-action]')].find((node) => (node.name || node.dataset.action) === focused);
      again?.focus();
    }
  }

  function trafficSection() {
    const shape = state.traffic.shape;
    const rate = control(ids, drafts, {
      name: 'traffic.rate', label: 'Rate (events/s)', value: plain(state.traffic.rate), inputmode: 'decimal',
      hint: shape === 'constant' ? 'every second' : 'a day\'s mean', read: numberReader(1e-9, 1e12),
    }, set(['traffic', 'rate']));
    const shapeControl = control(ids, drafts, {
      name: 'traffic.shape', label: 'Shape', value: shape, options: SHAPES.map((s) => [s, SHAPE_TEXT[s]]), read: choiceReader(),
    }, (value) => {
      set(['traffic', 'shape'])(value);
      render(); // which of peak, swing and weekend apply
    });
    return el('fieldset', { class: 'scenario-section' },
      el('legend', { text: 'Traffic' }),
      shapeControl,
      rate,
      control(ids, drafts, {
        name: 'traffic.peakHour', label: 'Peak hour (UTC)', value: plain(state.traffic.peakHour), inputmode: 'decimal',
        disabled: shape === 'constant', read: numberReader(0, 23.999),
      }, set(['traffic', 'peakHour'])),
      control(ids, drafts, {
        name: 'traffic.swing', label: 'Daily swing (%)', value: percent(state.traffic.swing), inputmode: 'decimal',
        hint: '± around the mean', disabled: shape === 'constant', read: numberReader(0, 100, { scale: 100, unit: '%' }),
      }, set(['traffic', 'swing'])),
      control(ids, drafts, {
        name: 'traffic.weekend', label: 'Weekend traffic (%)', value: percent(state.traffic.weekend), inputmode: 'decimal',
        hint: 'of a weekday\'s', disabled: shape !== 'weekly', read: numberReader(0, 1000, { scale: 100, unit: '%' }),
      }, set(['traffic', 'weekend'])),
    );
  }

  function errorSection() {
    return el('fieldset', { class: 'scenario-section' },
      el('legend', { text: 'Errors and noise' }),
      control(ids, drafts, {
        name: 'errorRatio', label: 'Error ratio (%)', value: percent(state.errorRatio), inputmode: 'decimal',
        hint: 'of events failing outside incidents', read: numberReader(0, 100, { scale: 100, unit: '%' }),
      }, set(['errorRatio'])),
      control(ids, drafts, {
        name: 'noise', label: 'Noise (%)', value: percent(state.noise), inputmode: 'decimal',
        read: numberReader(0, 100, { scale: 100, unit: '%' }),
      }, set(['noise'])),
      control(ids, drafts, {
        name: 'seed', label: 'Seed', value: String(state.seed), inputmode: 'numeric',
        hint: 'same seed, same data', read: numberReader(0, 4_294_967_295, { integer: true }),
      }, set(['seed'])),
      control(ids, drafts, {
        name: 'groups', label: 'Groups', value: String(state.groups), inputmode: 'numeric',
        hint: 'per groupBy series', read: numberReader(1, LIMITS.groups, { integer: true }),
      }, set(['groups'])),
      control(ids, drafts, {
        name: 'gaugeLevel', label: 'Gauge level (%)', value: percent(state.gaugeLevel), inputmode: 'decimal',
        hint: 'of the way to the threshold', read: numberReader(0, 100, { scale: 100, unit: '%' }),
      }, set(['gaugeLevel'])),
      control(ids, drafts, {
        name: 'step', label: 'Step', value: state.step, hint: 'blank: the policy\'s', read: durationReader({ optional: true }),
      }, set(['step'])),
    );
  }

  /** A list of rows with a remove button each and an add button. */
  function listSection(key, title, noun, make, row, note) {
    const items = state[key];
    const list = el('ol', { class: 'scenario-rows' });
    items.forEach((item, i) => {
      const remove = el('button', {
        type: 'button', class: 'scenario-remove', 'data-action': `remove-${key}-${i}`, 'aria-label': `Remove ${noun} ${i + 1}`, text: 'Remove',
      });
      remove.addEventListener('click', () => {
        items.splice(i, 1);
        shiftDrafts(key, i);
        emit();
        render();
        // Focus where the removed row was: the next row's remove, else the add button.
        (form.querySelector(`[data-action="remove-${key}-${i}"]`) ?? form.querySelector(`[data-action="add-${key}"]`))?.focus();
      });
      list.append(el('li', {},
        el('fieldset', { class: 'scenario-row' },
          el('legend', { text: `${noun[0].toUpperCase()}${noun.slice(1)} ${i + 1}` }),
          ...row(item, i),
          remove)));
    });
    const add = el('button', {
      type: 'button', class: 'scenario-add', 'data-action': `add-${key}`, disabled: items.length >= LIMITS[key], text: `Add ${noun}`,
    });
    add.addEventListener('click', () => {
      items.push(make());
      emit();
      render();
      form.querySelector(`[name="${key}.${items.length - 1}${key === 'resets' ? '' : '.start'}"]`)?.focus();
    });
    return el('fieldset', { class: 'scenario-section scenario-list' },
      el('legend', { text: title }),
      note ? el('p', { class: 'scenario-note', text: note }) : null,
      items.length ? list : el('p', { class: 'scenario-empty', text: 'None.' }),
      add);
  }

  /** After row `i` of `key` is removed: its drafts go, the later rows' move up one. */
  function shiftDrafts(key, i) {
    const moved = [];
    for (const [name, text] of drafts) {
      const m = /^([a-z]+)\.(\d+)(.*)$/.exec(name);
      if (!m || m[1] !== key || Number(m[2]) < i) continue;
      drafts.delete(name);
      if (Number(m[2]) > i) moved.push([`${key}.${Number(m[2]) - 1}${m[3]}`, text]);
    }
    for (const [name, text] of moved) drafts.set(name, text);
  }

  const startControl = (key, i, item) => control(ids, drafts, {
    name: `${key}.${i}.start`, label: 'Start', value: item.start, hint: '-3h, or an instant like 2026-02-05T10:00:00Z', wide: true, read: whenReader(),
  }, set([key, i, 'start']));
  const lengthControl = (key, i, item) => control(ids, drafts, {
    name: `${key}.${i}.length`, label: 'Length', value: item.length, read: durationReader(),
  }, set([key, i, 'length']));
  const ratioControl = (key, i, item) => control(ids, drafts, {
    name: `${key}.${i}.errorRatio`, label: 'Error ratio (%)', value: percent(item.errorRatio), inputmode: 'decimal',
    read: numberReader(0, 100, { scale: 100, unit: '%' }),
  }, set([key, i, 'errorRatio']));
  const factorControl = (key, i, item) => control(ids, drafts, {
    name: `${key}.${i}.gaugeFactor`, label: 'Gauge factor', value: plain(item.gaugeFactor), inputmode: 'decimal',
    hint: '× past the threshold', read: numberReader(1, 1e6),
  }, set([key, i, 'gaugeFactor']));

  /** A series: a select of the plan's series when there is a plan (keeping a name it lacks), else text. */
  function seriesControl(key, i, item) {
    const spec = { name: `${key}.${i}.series`, label: 'Series', value: item.series };
    if (!plan) return control(ids, drafts, { ...spec, hint: 'blank: all', read: textReader() }, set([key, i, 'series']));
    const options = [['', key === 'gaps' ? 'all series' : 'every SLO']];
    for (const s of plan.series) options.push([s.name, `${s.name} (${seriesRole(s.path).role})`]);
    if (item.series !== '' && !plan.series.some((s) => s.name === item.series)) {
      options.push([item.series, `${item.series} (not in the policy)`]);
    }
    return control(ids, drafts, { ...spec, options, read: choiceReader() }, set([key, i, 'series']));
  }

  const incidentRow = (item, i) => [
    startControl('incidents', i, item),
    lengthControl('incidents', i, item),
    ratioControl('incidents', i, item),
    factorControl('incidents', i, item),
    seriesControl('incidents', i, item),
    control(ids, drafts, {
      name: `incidents.${i}.group`, label: 'Group', value: String(item.group), inputmode: 'numeric', hint: '0: all',
      read: numberReader(0, LIMITS.groups, { integer: true }),
    }, set(['incidents', i, 'group'])),
  ];

  const maintenanceRow = (item, i) => [
    startControl('maintenance', i, item),
    lengthControl('maintenance', i, item),
    control(ids, drafts, {
      name: `maintenance.${i}.every`, label: 'Every', value: item.every, hint: 'blank: once', read: durationReader({ optional: true }),
    }, set(['maintenance', i, 'every'])),
    ratioControl('maintenance', i, item),
    factorControl('maintenance', i, item),
  ];

  const resetRow = (item, i) => [
    control(ids, drafts, {
      name: `resets.${i}`, label: 'At', value: item, hint: '-3h, or an instant like 2026-02-05T10:00:00Z', wide: true, read: whenReader(),
    }, set(['resets', i])),
  ];

  const gapRow = (item, i) => [startControl('gaps', i, item), lengthControl('gaps', i, item), seriesControl('gaps', i, item)];

  /** Gauges of the plan whose threshold the plan does not give: op and value, or nothing (missing samples). */
  function thresholdSection() {
    const gauges = plan ? plan.series.filter((s) => seriesRole(s.path).role === 'gauge' && !s.threshold) : [];
    if (gauges.length === 0) return null;
    const rows = gauges.map((s) => {
      // What the two controls hold, complete or not: kept across redraws.
      if (!pendingThresholds.has(s.name)) {
        const current = Object.hasOwn(state.thresholds, s.name) ? state.thresholds[s.name] : null;
        pendingThresholds.set(s.name, { op: current?.op ?? '', value: current ? plain(current.value) : '' });
      }
      const pending = pendingThresholds.get(s.name);
      const error = el('span', { class: 'scenario-error', 'aria-live': 'polite' });
      const apply = () => {
        const value = pending.value.trim() === '' ? NaN : Number(pending.value);
        if (pending.op !== '' && Number.isFinite(value)) {
          Object.defineProperty(state.thresholds, s.name, { value: { op: pending.op, value }, enumerable: true, writable: true, configurable: true });
          error.textContent = '';
        } else {
          delete state.thresholds[s.name];
          error.textContent = pending.op === '' && pending.value.trim() === '' ? '' : 'give an operator and a number';
        }
        emit();
      };
      const op = control(ids, drafts, {
        name: `thresholds.${s.name}.op`, label: 'Operator', value: pending.op, options: [['', '—'], ...OPS.map((o) => [o, o])], read: choiceReader(),
      }, (v) => { pending.op = v; apply(); });
      const value = control(ids, drafts, {
        name: `thresholds.${s.name}.value`, label: 'Threshold', value: pending.value, inputmode: 'decimal',
        read: (text) => (text.trim() === '' || Number.isFinite(Number(text)) ? { value: text } : { error: 'write a number (seconds for durations: 500ms is 0.5)' }),
      }, (v) => { pending.value = v; apply(); });
      // The pair's message belongs to both controls.
      error.id = `${op.querySelector('select').id}-pair`;
      for (const input of [op.querySelector('select'), value.querySelector('input')]) {
        input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby')} ${error.id}`);
      }
      return el('li', {}, el('fieldset', { class: 'scenario-row' }, el('legend', { text: s.name }), op, value, error));
    });
    return el('fieldset', { class: 'scenario-section scenario-list' },
      el('legend', { text: 'Gauge thresholds' }),
      el('p', { class: 'scenario-note', text: 'As the policy states them: without one, a gauge\'s samples are missing.' }),
      el('ol', { class: 'scenario-rows' }, ...rows));
  }

  Object.defineProperties(form, {
    params: { get: () => structuredClone(state) },
    setParams: { value: (next) => { state = checkScenario(next).params; drafts.clear(); pendingThresholds.clear(); render(); } },
    setPlan: { value: (next) => { plan = next ?? null; render(); } },
  });
  render();
  return form;
}
