/**
 * A fixed-window request counter per key (a conversation, an IP address). In memory, so per
 * instance: behind a load balancer the effective limit is this times the number of instances.
 * It holds at most `maxKeys` keys: a flood of new keys evicts the oldest windows instead of
 * growing the heap (an evicted key simply starts a fresh window).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many keys are held (for tests and benchmarks). */
  get size(): number {
    return this.windows.size;
  }

  /** Counts a request; false when the key has used up its window. */
  allow(key: string): boolean {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.delete(key); // re-inserted last: the Map's order stays oldest first
      if (this.windows.size >= this.maxKeys) this.makeRoom(now);
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= this.limit;
  }

  /** Drops expired windows; if the flood is of live ones, the oldest tenth. */
  private makeRoom(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
    if (this.windows.size < this.maxKeys) return;
    let evict = Math.ceil(this.maxKeys / 10);
    for (const key of this.windows.keys()) {
      if (evict-- <= 0) break;
      this.windows.delete(key);
    }
  }
}
