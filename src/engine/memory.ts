// tree-sitter trees live in native memory that V8 does not know about: a
// Tree's JavaScript wrapper is tiny, so V8 sees no reason to collect, and
// every tree of a long run stays alive until the heap fills with something
// else (gigabytes on a large corpus). kport therefore runs a full collection
// itself after every few megabytes parsed, between units of work, and then
// lets the event loop turn: Node runs the native finalizers that free the
// trees from the event loop, so a loop that never yields never frees them.
// Together these keep memory flat as the corpus grows.
import v8 from 'node:v8';
import vm from 'node:vm';

/** Parse this many characters, then collect at the next pause (between passes and units); KPORT_GC_BUDGET overrides it for measurements. */
const BUDGET = Number(process.env.KPORT_GC_BUDGET ?? 2 * 1024 * 1024);
/** Or when the JavaScript heap grew this much since the last collection (a large file's phase leaves that much behind). */
const GROWTH = Number(process.env.KPORT_GC_GROWTH ?? 64 * 1024 * 1024);

let parsed = 0;
/** The heap in use after kport's last collection. */
let floor = 0;
let gc: (() => void) | undefined | null = null;

function collector(): (() => void) | undefined {
  if (gc === null) {
    gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) {
      try {
        // Flags are process-wide; a fresh context then carries `gc`.
        v8.setFlagsFromString('--expose-gc');
        gc = vm.runInNewContext('gc') as () => void;
      } catch {
        gc = undefined;
      }
    }
  }
  return gc;
}

/** Count text handed to the parser. */
export function noteParsed(chars: number): void {
  parsed += chars;
}

/**
 * Between units: free the trees of finished work (a full collection once
 * enough text went through the parser). `force` (the end of a unit, before its
 * diff) collects sooner, once half the budget went through: a large file's
 * last trees are freed before its output is built, while a run of many small
 * crates does not pay a full collection per crate. (An eighth was too little:
 * a crate of ten 3 KB files parses that much across its phases, and the
 * collections, two per crate, were 13 % of a corpus run's CPU; at half, a 3 MB
 * corpus takes 23 -> 18 s CPU for 8 MB more peak RSS.) 'always' collects
 * whatever was parsed: a unit is about to be parsed again.
 */
export async function releaseTrees(force: boolean | 'always' = false): Promise<void> {
  if (force === 'always' || parsed >= BUDGET || (force && parsed >= BUDGET / 2) || v8.getHeapStatistics().used_heap_size - floor >= GROWTH) {
    parsed = 0;
    // Before a unit is parsed again, twice, each followed by a turn of the
    // event loop: the finalizers the first collection runs let go of what
    // holds the trees, and only the second frees them (TheAlgorithms/Rust,
    // re-parsed after a refusal: 440 MB peak with one round, 378 MB with
    // two). Elsewhere once: what the finalizers let go is freed by the next
    // round (3 MB of the bench corpus: 46 forced collections, 1.2 s -> 23,
    // 0.5 s; the same peak RSS).
    if (collectNow() && force === 'always') {
      await new Promise((resolve) => setImmediate(resolve));
      collectNow();
    }
  }
  await new Promise((resolve) => setImmediate(resolve));
}

/** `collectGarbage` collects once the heap grew this much since kport's last collection, or by a quarter of what was left then (collections cost what is live: on a crate of many large files, every transform's would add up). */
const MEMBER_GROWTH = 16 * 1024 * 1024;

/**
 * A full collection now, without a pause (finalizers wait for the next one),
 * when the heap grew enough since kport's last collection: after a
 * transform on a very large file, so the garbage of one member of a phase is
 * not still in the heap while the next one builds its own (a 5 MB file:
 * about 1,030 -> 920-970 MiB peak, for a few seconds of CPU).
 */
export function collectGarbage(): void {
  if (v8.getHeapStatistics().used_heap_size - floor >= Math.max(MEMBER_GROWTH, floor / 4)) collectNow();
}

/** A full collection now, and what it left as the new floor; false when no collector can be had. */
function collectNow(): boolean {
  const gc = collector();
  if (!gc) return false;
  gc();
  floor = v8.getHeapStatistics().used_heap_size;
  return true;
}
