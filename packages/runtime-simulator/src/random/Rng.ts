/**
 * A seedable pseudo-random stream (mulberry32). `Math.random` cannot be
 * seeded, and the simulator must produce the same platform and the same
 * events for the same seed on every machine.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream for one named part of the simulation, independent of order. */
  static for(...parts: (string | number)[]): Rng {
    return new Rng(hash(...parts));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of `items`, each drawn with the probability its weight gives it. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [item, weight] of items) {
      r -= weight;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /**
   * Log-normal around `median`: job durations and data volumes are skewed
   * this way, most near the median and a long tail above it.
   */
  logNormal(median: number, sigma: number): number {
    const u1 = Math.max(this.next(), 1e-12);
    const u2 = this.next();
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return median * Math.exp(sigma * normal);
  }

  /** A version 4 UUID drawn from this stream, so run ids repeat per seed. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const words = [0, 1, 2, 3].map(() => Math.floor(this.next() * 2 ** 32));
    const a = hex(words[0]);
    const b = hex(words[1]);
    const c = hex(words[2]);
    const d = hex(words[3]);
    const variant = (8 + (words[2] >>> 30)).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(
      1,
      4,
    )}-${c.slice(4)}${d}`;
  }
}

/** FNV-1a over the parts, finished with murmur3's mixer for spread. */
export function hash(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
