/**
 * A multi-pattern automaton in the manner of Aho–Corasick, for patterns whose letters are
 * character classes that may repeat ("f+[uv*]+c+k+"). The patterns share one trie; a scan keeps
 * the set of trie nodes that match some suffix of the text read so far (the Aho–Corasick state,
 * kept as a set because a class such as [i1|l] lets one character stand for several letters), with
 * the leftmost start that reached each node. Each character moves every live node once, so a scan
 * costs the text's length times the number of live nodes, which the term set bounds and the text
 * cannot raise: no backtracking, whatever the input. `stats.steps` counts that work.
 *
 * Input is the folded text of normalize.ts, whose alphabet is small and fixed (SYMBOLS).
 */
import { checkDeadline, type Deadline } from '../budget';

export const SYMBOLS = 'abcdefghijklmnopqrstuvwxyz0123456789@$!|*#+(~>}^% -';
/** An emoji inside a word (normalize.ts): a live node may also read it as nothing ("bit🤡ch"). */
const SKIPPABLE = SYMBOLS.indexOf('*');
const K = SYMBOLS.length;
const OTHER = SYMBOLS.indexOf('-');
const CODE_TO_SYMBOL = new Uint8Array(128).fill(OTHER);
for (let s = 0; s < K; s++) CODE_TO_SYMBOL[SYMBOLS.charCodeAt(s)] = s;

/** The folded text as symbol indexes, written into `out` at `at` when given. */
export function encode(text: string, out: Uint8Array = new Uint8Array(text.length), at = 0): Uint8Array {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[at + i] = code < 128 ? CODE_TO_SYMBOL[code] : OTHER;
  }
  return out;
}

/** One position of a pattern: the characters it accepts, and whether it may repeat. */
export interface Atom {
  chars: string;
  loop: boolean;
}

/**
 * `start`/`end` name an anchor class: 0 matches anywhere; any other class only where the scan's
 * `starts[i]` / `ends[j]` has that class's bit (a word boundary, the edge of a joined run...).
 */
export interface Pattern {
  atoms: Atom[];
  start: number;
  end: number;
  /** Returned with each match: what the caller needs to know about the pattern. */
  id: number;
}

export interface AutomatonMatch {
  id: number;
  start: number;
  end: number;
}

/** Work done by every scan of every automaton, for tests that check it grows with the text only. */
export const automatonStats = { steps: 0 };

const INDEX_CHILDREN_OVER = 6;

export class ClassAutomaton {
  // Per node: the atom of the edge into it, as two 32-bit masks over SYMBOLS, and its loop flag.
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly loops: boolean[] = [];
  private readonly building: number[][] = [];
  private children: Int32Array[] = [];
  /** Per node with many children: children by symbol. */
  private bySymbol: Array<Int32Array[] | null> = [];
  private readonly outputs: number[][] = [];
  private readonly patterns: Pattern[] = [];
  /** One root per anchor class used; roots[c] is -1 when no pattern starts in class c. */
  private readonly roots: number[] = [];
  private readonly rootKids: Array<Int32Array[]> = [];
  private readonly startClasses: number[] = [];
  // Scan buffers, sized to the node count, reused by every scan.
  private cur!: Int32Array;
  private curStart!: Int32Array;
  private nxt!: Int32Array;
  private nxtStart!: Int32Array;
  private seen!: Int32Array;
  private slot!: Int32Array;
  private lastMatch!: Int32Array;
  private lastScan!: Int32Array;
  private stamp = 0;
  private scans = 0;

  constructor(patterns: Pattern[]) {
    for (const pattern of patterns) this.add(pattern);
    this.compile();
  }

  get size(): number {
    return this.lo.length;
  }

  private node(lo: number, hi: number, loop: boolean): number {
    this.lo.push(lo);
    this.hi.push(hi);
    this.loops.push(loop);
    this.building.push([]);
    this.outputs.push([]);
    this.bySymbol.push(null);
    return this.lo.length - 1;
  }

  private add(pattern: Pattern): void {
    if (pattern.atoms.length === 0) return;
    const p = this.patterns.push(pattern) - 1;
    while (this.roots.length <= pattern.start) this.roots.push(-1);
    if (this.roots[pattern.start] < 0) this.roots[pattern.start] = this.node(0, 0, false);
    let at = this.roots[pattern.start];
    for (const atom of pattern.atoms) {
      const [lo, hi] = maskOf(atom.chars);
      let next = this.building[at].find((c) => this.lo[c] === lo && this.hi[c] === hi && this.loops[c] === atom.loop);
      if (next === undefined) {
        next = this.node(lo, hi, atom.loop);
        this.building[at].push(next);
      }
      at = next;
    }
    this.outputs[at].push(p);
  }

  private compile(): void {
    const n = this.lo.length;
    for (let v = 0; v < n; v++) {
      if (this.building[v].length > INDEX_CHILDREN_OVER) this.bySymbol[v] = this.index(this.building[v]);
    }
    this.children = this.building.map((kids) => Int32Array.from(kids));
    this.building.length = 0;
    for (let c = 0; c < this.roots.length; c++) {
      if (this.roots[c] < 0) continue;
      this.startClasses.push(c);
      this.rootKids[c] = this.index(Array.from(this.children[this.roots[c]]));
    }
    this.cur = new Int32Array(n);
    this.curStart = new Int32Array(n);
    this.nxt = new Int32Array(n);
    this.nxtStart = new Int32Array(n);
    this.seen = new Int32Array(n);
    this.slot = new Int32Array(n);
    this.lastMatch = new Int32Array(this.patterns.length);
    this.lastScan = new Int32Array(this.patterns.length);
  }

  private index(kids: number[]): Int32Array[] {
    const out: Int32Array[] = [];
    for (let s = 0; s < K; s++) out.push(Int32Array.from(kids.filter((c) => this.accepts(c, s))));
    return out;
  }

  private accepts(v: number, s: number): boolean {
    return s < 32 ? (this.lo[v] & (1 << s)) !== 0 : (this.hi[v] & (1 << (s - 32))) !== 0;
  }

  /** Whether any pattern of an anchor class in `classBits` (bit 0: unanchored) begins with symbol s. */
  canStartWith(s: number, classBits: number): boolean {
    for (const c of this.startClasses) {
      if ((classBits & (1 << c)) !== 0 && this.rootKids[c][s].length > 0) return true;
    }
    return false;
  }

  /**
   * Every match in the first `n` symbols. `starts[i]` and `ends[j]` hold the anchor classes (as
   * bits) allowed to start at i and to end at j; class 0 is always allowed. A match that keeps
   * growing (a repeated last letter) is reported once, at its longest. The deadline is looked at
   * every 4,096 steps.
   */
  scan(symbols: Uint8Array, n: number, starts: Uint8Array, ends: Uint8Array, deadline?: Deadline): AutomatonMatch[] {
    const found: AutomatonMatch[] = [];
    const { seen, slot, lastMatch, lastScan, loops, children, bySymbol, outputs, patterns, lo, hi, startClasses, rootKids } = this;
    const scanId = ++this.scans;
    let cur = this.cur;
    let curStart = this.curStart;
    let nxt = this.nxt;
    let nxtStart = this.nxtStart;
    let live = 0;
    let steps = 0;
    let checkAt = 4096;
    let stamp = this.stamp;
    for (let i = 0; i < n; i++) {
      const s = symbols[i];
      const useLo = s < 32;
      const bit = useLo ? 1 << s : 1 << (s - 32);
      const mark = ++stamp;
      let count = 0;
      // Each live node moves on (or stays, on a repeatable letter); a node reached twice keeps the
      // leftmost start.
      for (let t = 0; t < live; t++) {
        const v = cur[t];
        const start = curStart[t];
        steps++;
        if ((loops[v] && ((useLo ? lo[v] : hi[v]) & bit) !== 0) || s === SKIPPABLE) {
          if (seen[v] === mark) {
            if (start < nxtStart[slot[v]]) nxtStart[slot[v]] = start;
          } else {
            seen[v] = mark;
            slot[v] = count;
            nxt[count] = v;
            nxtStart[count++] = start;
          }
        }
        const indexed = bySymbol[v];
        const kids = indexed ? indexed[s] : children[v];
        steps += kids.length;
        for (let k = 0; k < kids.length; k++) {
          const c = kids[k];
          if (!indexed && ((useLo ? lo[c] : hi[c]) & bit) === 0) continue;
          if (seen[c] === mark) {
            if (start < nxtStart[slot[c]]) nxtStart[slot[c]] = start;
          } else {
            seen[c] = mark;
            slot[c] = count;
            nxt[count] = c;
            nxtStart[count++] = start;
          }
        }
      }
      const anchors = starts[i];
      for (let r = 0; r < startClasses.length; r++) {
        const c = startClasses[r];
        if (c !== 0 && (anchors & (1 << c)) === 0) continue;
        const kids = rootKids[c][s];
        steps += 1 + kids.length;
        for (let k = 0; k < kids.length; k++) {
          const v = kids[k];
          // A node already reached this step has an earlier start.
          if (seen[v] === mark) continue;
          seen[v] = mark;
          slot[v] = count;
          nxt[count] = v;
          nxtStart[count++] = i;
        }
      }
      for (let t = 0; t < count; t++) {
        const out = outputs[nxt[t]];
        if (out.length === 0) continue;
        const start = nxtStart[t];
        for (let o = 0; o < out.length; o++) {
          const p = out[o];
          const pattern = patterns[p];
          steps++;
          if (pattern.end !== 0 && (ends[i + 1] & (1 << pattern.end)) === 0) continue;
          // The same match one character longer (a held-down last letter): keep the longer one.
          if (lastScan[p] === scanId) {
            const last = found[lastMatch[p]];
            if (last.start === start && last.end === i) {
              last.end = i + 1;
              continue;
            }
          }
          lastScan[p] = scanId;
          lastMatch[p] = found.length;
          found.push({ id: pattern.id, start, end: i + 1 });
        }
      }
      const swap = cur;
      cur = nxt;
      nxt = swap;
      const swapStart = curStart;
      curStart = nxtStart;
      nxtStart = swapStart;
      live = count;
      if (steps >= checkAt) {
        checkDeadline(deadline);
        checkAt = steps + 4096;
      }
    }
    this.stamp = stamp;
    if (stamp > 0x3fff0000) {
      seen.fill(0);
      this.stamp = 0;
    }
    if (this.scans > 0x3fff0000) {
      lastScan.fill(0);
      this.scans = 0;
    }
    automatonStats.steps += steps + n;
    return found;
  }
}

function maskOf(chars: string): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const ch of chars) {
    const s = SYMBOLS.indexOf(ch);
    if (s < 0) continue;
    if (s < 32) lo |= 1 << s;
    else hi |= 1 << (s - 32);
  }
  return [lo, hi];
}
