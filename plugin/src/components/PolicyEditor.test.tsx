import { render, screen } from '@testing-library/react';
import React from 'react';

import { DEFAULT_POLICY } from '../defaults';
import { loadEngineFromDisk } from '../testing';
import { DiagnosticsList, useDiagnostics } from './PolicyEditor';

// The module is loaded from disk here; in Grafana from the plugin's directory.
// (The editor itself is Grafana's Monaco-based CodeEditor, which jsdom cannot run.)
jest.mock('../engine', () => ({ loadEngine: () => Promise.resolve() }));

beforeAll(loadEngineFromDisk);

function Findings({ text }: { text: string }) {
  const diagnostics = useDiagnostics(text);
  return diagnostics === null ? null : <DiagnosticsList diagnostics={diagnostics} />;
}

test('the default policy: no problems', async () => {
  render(<Findings text={DEFAULT_POLICY} />);
  expect(await screen.findByText('No problems')).toBeInTheDocument();
});

test('a typo: the engine\'s finding with line, column, path and "did you mean"', async () => {
  render(<Findings text={DEFAULT_POLICY.replace('objective: 99.9%', 'objectiv: 99.9%')} />);
  const list = await screen.findByRole('list', { name: 'policy diagnostics' });
  expect(list).toHaveTextContent(
    '8:7 error: spec.slos[0].objectiv: unknown key "objectiv" (did you mean "objective"?)'
  );
});
