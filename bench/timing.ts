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


/** This process's CPU time in ms (every thread: the main one and the garbage collector's helpers). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Two tasks timed in alternation: medians of each, and medians of the ratios b ÷ a of each pair. */
export interface Pair {
  /** Median wall-clock ms of `a` and of `b`. */
  readonly a: number;
  readonly b: number;
  /** Median of the pairs' ratios of wall-clock time. */
  readonly ratio: number;
  /** Median CPU ms of `a` and of `b`, and median of the pairs' ratios of CPU time. */
  readonly cpuA: number;
  readonly cpuB: number;
  readonly cpuRatio: number;
  readonly runs: number;
}

/**
 * Times `a` and `b` in alternation, after a warm-up of each, over at least `minRuns` pairs and
 * `minMs` milliseconds. On a shared, noisy machine a slow spell then slows both sides of a pair
 * alike, so the median of the pairs' ratios is steadier than a ratio of two separate medians;
 * CPU time (the process's, so garbage collection on helper threads counts too) does not grow
 * while other processes hold the cores, which wall-clock time does.
 */
export function timePair(a: () => void, b: () => void, minRuns = 15, minMs = 3000): Pair {
  for (let i = 0; i < 3; i++) {
    a();
    b();
  }
  const walls: [number[], number[], number[]] = [[], [], []];
  const cpus: [number[], number[], number[]] = [[], [], []];
  const begin = performance.now();
  while (walls[0].length < minRuns || (performance.now() - begin < minMs && walls[0].length < 200)) {
    const c0 = cpuMs();
    const t0 = performance.now();
    a();
    const c1 = cpuMs();
    const t1 = performance.now();
    b();
    const c2 = cpuMs();
    const t2 = performance.now();
    walls[0].push(t1 - t0);
    walls[1].push(t2 - t1);
    walls[2].push((t2 - t1) / (t1 - t0));
    cpus[0].push(c1 - c0);
    cpus[1].push(c2 - c1);
    cpus[2].push((c2 - c1) / Math.max(c1 - c0, 0.001));
  }
  return { a: median(walls[0]), b: median(walls[1]), ratio: median(walls[2]), cpuA: median(cpus[0]), cpuB: median(cpus[1]), cpuRatio: median(cpus[2]), runs: walls[0].length };
}
