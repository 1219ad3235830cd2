// Timing for the benches: the median of repeated runs after a warm-up.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Median ms of `f` over at least `minRuns` runs and `minMs` milliseconds, after warm-up. */
export function time(f: () => void, minRuns = 9, minMs = 1000): number {
  for (let i = 0; i < 3; i++) f();
  const samples: number[] = [];
  const begin = performance.now();
  while (samples.length < minRuns || (performance.now() - begin < minMs && samples.length < 200)) {
    const t0 = performance.now();
    f();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

