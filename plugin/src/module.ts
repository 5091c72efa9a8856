import { PanelPlugin } from '@grafana/data';

import { MappingsEditor, RunbooksEditor } from './components/ListEditor';
import { PolicyEditor } from './components/PolicyEditor';
import { SlogatePanel } from './components/SlogatePanel';
import { DEFAULT_POLICY } from './defaults';
import { SlogateOptions } from './types';

export const plugin = new PanelPlugin<SlogateOptions>(SlogatePanel).setNoPadding().setPanelOptions((builder) =>
  builder
    .addCustomEditor({
      id: 'policy',
      path: 'policy',
      name: 'Policy',
      description:
        "The slogate policy (YAML or JSON). Its series are the panel's queries, by refId unless mapped below. Dashboard variables are replaced.",
      editor: PolicyEditor,
      defaultValue: DEFAULT_POLICY,
      category: ['Policy'],
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
