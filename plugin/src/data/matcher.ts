// Label matchers as PromQL writes them — `{code=~"5..", job="api"}` — for
// mapping a panel's series to the names a policy uses. Braces are optional;
// values are double-quoted with PromQL's escapes (\" \\ \n); `=~` and `!~`
// are anchored regular expressions, as in PromQL.

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  label: string;
  op: MatchOp;
  value: string;
  /** For `=~` and `!~`: the anchored expression. */
  regex?: RegExp;
}

/** A matcher that cannot be read: the message names the column (1-based). */
export class MatcherError extends Error {
  constructor(
    message: string,
    readonly column: number
  ) {
    super(message);
    this.name = 'MatcherError';
  }
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Parses `text`; an empty text (or `{}`) matches every series. */
export function parseMatchers(text: string): LabelMatcher[] {
  let i = 0;
  const fail = (what: string): never => {
    throw new MatcherError(`label matcher, column ${i + 1}: ${what}`, i + 1);
  };
  const space = () => {
    while (i < text.length && /\s/.test(text[i])) {
      i += 1;
    }
  };
  space();
  const braced = text[i] === '{';
  if (braced) {
    i += 1;
  }
  const out: LabelMatcher[] = [];
  for (;;) {
    space();
    if (i >= text.length || text[i] === '}') {
      break;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (!name) {
      fail(`expected a label name, found ${JSON.stringify(text.slice(i, i + 10))}`);
    }
    const label = name![0];
    i += label.length;
    space();
    const op = (['=~', '!~', '!=', '='] as const).find((o) => text.startsWith(o, i));
    if (!op) {
      fail(`expected =, !=, =~ or !~ after ${label}`);
    }
    i += op!.length;
    space();
    if (text[i] !== '"') {
      fail(`expected a double-quoted value after ${label}${op}`);
    }
    const start = i;
    i += 1;
    let value = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\' && i + 1 < text.length) {
        const next = text[i + 1];
        value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        i += 2;
      } else {
        value += text[i];
        i += 1;
      }
    }
    if (text[i] !== '"') {
      i = start;
      fail(`the value of ${label} has no closing quote`);
    }
    i += 1;
    const matcher: LabelMatcher = { label, op: op!, value };
    if (op === '=~' || op === '!~') {
      try {
        matcher.regex = new RegExp(`^(?:${value})$`, 'u');
      } catch (e) {
        i = start;
        fail(`the regular expression of ${label} is not valid: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    out.push(matcher);
    space();
    if (text[i] === ',') {
      i += 1;
    } else if (i < text.length && text[i] !== '}') {
      fail(`expected , or } after ${label}${op}"…"`);
    }
  }
  if (braced) {
    if (text[i] !== '}') {
      fail('expected } at the end');
    }
    i += 1;
  }
  space();
  if (i < text.length) {
    fail(`unexpected ${JSON.stringify(text.slice(i, i + 10))} after the matchers`);
  }
  return out;
}

/** Whether `labels` satisfy every matcher (a missing label reads as ""). */
export function matches(matchers: LabelMatcher[], labels: Record<string, string> | undefined): boolean {
  return matchers.every((m) => {
    const v = labels?.[m.label] ?? '';
    switch (m.op) {
      case '=':
        return v === m.value;
      case '!=':
        return v !== m.value;
      case '=~':
        return m.regex!.test(v);
      case '!~':
        return !m.regex!.test(v);
    }
  });
}
