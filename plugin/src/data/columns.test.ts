import { ColumnPool } from './columns';

describe('ColumnPool', () => {
  test('arrays of one evaluation are distinct; the next evaluation gets them back length for length', () => {
    const pool = new ColumnPool();
    pool.reset();
    const a = pool.take(3);
    const b = pool.take(3);
    const c = pool.take(2);
    expect(new Set([a, b, c]).size).toBe(3);
    a.set([1, 2, 3]);
    pool.reset();
    const again = [pool.take(3), pool.take(3), pool.take(2)];
    expect(new Set([...again, a, b, c]).size).toBe(3);
    // Not zeroed: the last evaluation's numbers until written over.
    expect(again.some((x) => x[0] === 1)).toBe(true);
    // More than the last evaluation had of a length: a new one.
    const more = pool.take(3);
    expect([a, b, c]).not.toContain(more);
  });

  test('what an evaluation does not ask for is let go after it', () => {
    const pool = new ColumnPool();
    pool.reset();
    const old = pool.take(5);
    pool.reset();
    pool.take(4); // a shorter range: the 5 is not handed out
    pool.reset();
    expect(pool.take(5)).not.toBe(old);
  });
});
