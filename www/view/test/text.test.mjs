import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatInstant, plainText, sloTitle } from '@slogate/view';

test('controls, separators and bidi overrides become visible escapes (terminal.rs)', () => {
  assert.equal(plainText('a\u001b[2J\u0007b\r\nc\td\u0000'), 'a\\u{1b}[2J\\u{7}b\\r\\nc\\td\\u{0}');
  assert.equal(plainText('x\u202ey\u2028z\u200b'), 'x\\u{202e}y\\u{2028}z\\u{200b}');
  // Joiners stay: they shape emoji and Indic scripts.
  assert.equal(plainText('👩\u200d💻 क्\u200cष'), '👩\u200d💻 क्\u200cष');
  // Markup is text, not removed: the DOM layer sets it as text.
  assert.equal(plainText('<b>bold</b> &amp;'), '<b>bold</b> &amp;');
});

test('an SLO instance\'s title, as the terminal writes it (text.rs group_suffix)', () => {
  assert.equal(sloTitle({ name: 'task-availability', group: {} }), 'task-availability');
  assert.equal(
    sloTitle({ name: 'task-availability', group: { repository: 'core', region: 'eu' } }),
    'task-availability {repository="core", region="eu"}',
  );
  // A value cannot end its quotes early or forge a line.
  assert.equal(sloTitle({ name: 'w', group: { a: 'x", b="y\\\n' } }), 'w {a="x\\", b=\\"y\\\\\\n"}');
});

test('a time zone that does not exist is an error naming it', () => {
  assert.throws(() => formatInstant(0, { timeZone: 'Mars/Olympus' }), /Mars\/Olympus/);
});
