import { PanelPlugin } from '@grafana/data';

import { MappingsEditor, RunbooksEditor } from './components/ListEditor';
import { PolicyEditor } from './components/PolicyEditor';
import { QuickPreview } from './components/QuickPreview';
import { SlogatePanel } from './components/SlogatePanel';
import { DEFAULT_QUICK } from './data/quick';
import { DEFAULT_POLICY } from './defaults';
import { SlogateOptions } from './types';

const quick = (c: SlogateOptions) => c.mode !== 'policy';

export const plugin = new PanelPlugin<SlogateOptions>(SlogatePanel).setNoPadding().setPanelOptions((builder) =>
  builder
    .addRadio({
      path: 'mode',
      name: 'Policy from',
      defaultValue: 'quick',
      settings: {
        options: [
          { value: 'quick', label: 'Quick mode', description: 'A few fields write the policy' },
          { value: 'policy', label: 'Policy text', description: 'The whole slogate policy' },
        ],
      },
      category: ['Policy'],
    })
    .addTextInput({
      path: 'quick.name',
      name: 'SLO name',
      defaultValue: DEFAULT_QUICK.name,
      category: ['Policy'],
      showIf: quick,
    })
    .addTextInput({
      path: 'quick.objective',
      name: 'Objective (%)',
      defaultValue: DEFAULT_QUICK.objective,
      category: ['Policy'],
      showIf: quick,
    })
    .addTextInput({
      path: 'quick.window',
      name: 'Window',
      description: 'Rolling: 28d, 30d, 7d… Calendar: day, week, month, quarter, year.',
      defaultValue: DEFAULT_QUICK.window,
      category: ['Policy'],
      showIf: quick,
    })
    .addTextInput({
      path: 'quick.timeZone',
      name: 'Time zone of a calendar window',
      defaultValue: DEFAULT_QUICK.timeZone,
      category: ['Policy'],
      showIf: quick,
    })
    .addRadio({
      path: 'quick.sli',
      name: 'Queries',
      defaultValue: DEFAULT_QUICK.sli,
      settings: {
        options: [
          { value: 'good-total', label: 'good / total' },
          { value: 'bad-total', label: 'bad / total' },
          { value: 'good-bad', label: 'good / bad' },
          { value: 'threshold', label: 'threshold' },
        ],
      },
      category: ['Policy'],
      showIf: quick,
    })
    .addTextInput({
      path: 'quick.good',
      name: 'Good events: query (refId)',
      defaultValue: DEFAULT_QUICK.good,
      category: ['Policy'],
      showIf: (c) => quick(c) && c.quick?.sli !== 'bad-total' && c.quick?.sli !== 'threshold',
    })
    .addTextInput({
      path: 'quick.bad',
      name: 'Bad events: query (refId)',
      defaultValue: DEFAULT_QUICK.bad,
      category: ['Policy'],
      showIf: (c) => quick(c) && (c.quick?.sli === 'bad-total' || c.quick?.sli === 'good-bad'),
    })
    .addTextInput({
      path: 'quick.total',
      name: 'All events: query (refId)',
      defaultValue: DEFAULT_QUICK.total,
      category: ['Policy'],
      showIf: (c) => quick(c) && c.quick?.sli !== 'good-bad' && c.quick?.sli !== 'threshold',
    })
    .addRadio({
      path: 'quick.kind',
      name: 'The queries return',
      description: 'increase(…[$__interval]): events per step; rate(…[$__rate_interval]): per second; a raw counter.',
      defaultValue: DEFAULT_QUICK.kind,
      settings: {
        options: [
          { value: 'increase', label: 'increase' },
          { value: 'rate', label: 'rate' },
          { value: 'counter', label: 'counter' },
        ],
      },
      category: ['Policy'],
      showIf: (c) => quick(c) && c.quick?.sli !== 'threshold',
    })
    .addTextInput({
      path: 'quick.series',
      name: 'Threshold: query (refId)',
      defaultValue: DEFAULT_QUICK.series,
      category: ['Policy'],
      showIf: (c) => quick(c) && c.quick?.sli === 'threshold',
    })
    .addRadio({
      path: 'quick.op',
      name: 'Good while the value is',
      defaultValue: DEFAULT_QUICK.op,
      settings: { options: ['<', '<=', '>', '>='].map((o) => ({ value: o as '<', label: o })) },
      category: ['Policy'],
      showIf: (c) => quick(c) && c.quick?.sli === 'threshold',
    })
    .addTextInput({
      path: 'quick.value',
      name: 'Threshold',
      description: '500ms, 0.5, 99%…',
      defaultValue: DEFAULT_QUICK.value,
      category: ['Policy'],
      showIf: (c) => quick(c) && c.quick?.sli === 'threshold',
    })
    .addRadio({
      path: 'quick.budgeting',
      name: 'Budget',
      defaultValue: DEFAULT_QUICK.budgeting,
      settings: {
        options: [
          { value: 'occurrences', label: 'events' },
          { value: 'timeslices', label: 'time (slices)' },
        ],
      },
      category: ['Policy'],
      showIf: (c) => quick(c) && c.quick?.sli !== 'threshold',
    })
    .addTextInput({
      path: 'quick.freezeBelow',
      name: 'Freeze below (% of budget left)',
      description: 'Warning below twice this; empty: no rules.',
      defaultValue: DEFAULT_QUICK.freezeBelow,
      category: ['Policy'],
      showIf: quick,
    })
    .addCustomEditor({
      id: 'quickPreview',
      path: 'quick',
      name: 'The policy it writes',
      editor: QuickPreview,
      category: ['Policy'],
      showIf: quick,
    })
    .addCustomEditor({
      id: 'policy',
      path: 'policy',
      name: 'Policy',
      description:
        "The slogate policy (YAML or JSON). Its series are the panel's queries, by refId unless mapped below. Dashboard variables are replaced.",
      editor: PolicyEditor,
      defaultValue: DEFAULT_POLICY,
      category: ['Policy'],
      showIf: (c) => c.mode === 'policy',
    })
    .addCustomEditor({
      id: 'mappings',
      path: 'mappings',
      name: 'Series mappings',
      description:
        "Which query results are which of the policy's series: by refId, field name and label matcher (all that are given). Unmapped results are named by their refId.",
      editor: MappingsEditor,
      defaultValue: [],
      category: ['Policy'],
    })
    .addBooleanSwitch({
      path: 'views.figures',
      name: 'Budget gauge and figures',
      defaultValue: true,
      category: ['Views'],
    })
    .addBooleanSwitch({
      path: 'views.burndown',
      name: 'Burn-down with the level timeline',
      defaultValue: true,
      category: ['Views'],
    })
    .addBooleanSwitch({
      path: 'views.burnRates',
      name: 'Burn rates and alerts',
      defaultValue: true,
      category: ['Views'],
    })
    .addCustomEditor({
      id: 'runbooks',
      path: 'runbooks',
      name: 'Runbooks',
      description: "A link per level, shown with the level's actions.",
      editor: RunbooksEditor,
      defaultValue: [],
      category: ['Views'],
    })
);
