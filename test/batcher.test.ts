import { createBatcher } from '../src/batcher';

describe('batcher', () => {
  test('When calls are made in the same turn of the event loop, then they go as one batch, sent after that turn', async () => {
    const batches: string[][] = [];
    const echo = createBatcher((inputs: string[]) => {
      batches.push(inputs);
      return Promise.resolve(inputs);
    });

    const calls = [echo('a'), echo('b'), echo('c')];
    expect(batches).toEqual([]);

    expect(await Promise.all(calls)).toEqual(['a', 'b', 'c']);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  test('When calls arrive while a batch is running, then they go together in the next one and each gets its own answer', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const firstDone = new Promise<void>((resolve) => (release = resolve));
    const double = createBatcher(async (inputs: number[]) => {
      batches.push(inputs);
      if (batches.length === 1) await firstDone;
      return inputs.map((n) => n * 2);
    });

    const first = double(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [double(2), double(3), double(4)];
    release();

    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  test('When a batch fails, then every call in it rejects and later calls still run', async () => {
    let fail = true;
    const echo = createBatcher((inputs: string[]) => (fail ? Promise.reject(new Error('database unavailable')) : Promise.resolve(inputs)));

    await expect(Promise.all([echo('a'), echo('b')])).rejects.toThrow('database unavailable');
    fail = false;
    expect(await echo('c')).toBe('c');
  });

  test('When more calls wait than a batch holds, then they are split into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const id = createBatcher(
      (inputs: number[]) => {
        sizes.push(inputs.length);
        return Promise.resolve(inputs);
      },
      { maxBatch: 3 },
    );

    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => id(i)));

    expect(answers).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
  });
});
