import { StandardEditorProps } from '@grafana/data';
import { fireEvent, render, screen } from '@testing-library/react';
import React from 'react';

import { SeriesMapping } from '../data/frames';
import { MappingsEditor, RunbooksEditor } from './ListEditor';

/** The props Grafana's options pane gives a custom editor. */
const editorProps = <T,>(value: T, onChange: (v: T) => void) =>
  ({ value, onChange, item: {}, context: { data: [] } }) as unknown as StandardEditorProps<T>;

test('series mappings: rows added, edited and removed; a bad label matcher says where', () => {
  let value: SeriesMapping[] = [];
  const onChange = jest.fn((v: SeriesMapping[]) => {
    value = v;
  });
  const { rerender } = render(<MappingsEditor {...editorProps(value, onChange)} />);
  fireEvent.click(screen.getByRole('button', { name: /Add mapping/ }));
  expect(value).toEqual([{ series: '', refId: '', field: '', labels: '' }]);
  rerender(<MappingsEditor {...editorProps(value, onChange)} />);
  fireEvent.change(screen.getByLabelText('mapping 1: policy series'), { target: { value: 'bad' } });
  rerender(<MappingsEditor {...editorProps(value, onChange)} />);
  fireEvent.change(screen.getByLabelText('mapping 1: labels'), { target: { value: '{code=~"5.."' } });
  rerender(<MappingsEditor {...editorProps(value, onChange)} />);
  expect(value).toEqual([{ series: 'bad', refId: '', field: '', labels: '{code=~"5.."' }]);
  expect(screen.getByText('label matcher, column 13: expected } at the end')).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: 'Remove mapping 1' }));
  expect(value).toEqual([]);
});

test('runbooks: a link must be http(s)', () => {
  render(<RunbooksEditor {...editorProps([{ level: 'freeze', url: 'javascript:alert(1)' }], jest.fn())} />);
  expect(screen.getByText('a runbook link starts with https:// or http://')).toBeInTheDocument();
});
