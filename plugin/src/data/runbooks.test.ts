import { isWebLink, runbookFor } from './runbooks';

test('a runbook link is an http(s) URL or nothing', () => {
  const runbooks = [
    { level: 'freeze', url: 'javascript:alert(1)' },
    { level: 'freeze', url: ' JAVASCRIPT:alert(1)' },
    { level: 'freeze', url: 'data:text/html,<script>alert(1)</script>' },
    { level: 'freeze', url: '/relative' },
    { level: 'freeze', url: 'https://runbooks.example/freeze' },
  ];
  expect(runbookFor(runbooks, 'freeze')?.url).toBe('https://runbooks.example/freeze');
  expect(runbookFor(runbooks.slice(0, 4), 'freeze')).toBeNull();
  expect(runbookFor(runbooks, 'warning')).toBeNull();
  expect(runbookFor(undefined, 'freeze')).toBeNull();
  expect(isWebLink('http://x.example')).toBe(true);
});
