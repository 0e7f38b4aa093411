// Stable sorts for ported code: `StableSortByKey`, `StableSortBy`, `StableSort`.
//
// std's `sort`, `sort_by` and `sort_by_key` are stable and allocate a scratch
// buffer; core (and so the kernel) has only `sort_unstable*`. These sort in
// place by insertion, moving an element left only past strictly greater ones
// (comparing it with each one before it, as std's own insertion sort does),
// so equal elements keep their order (stable) and nothing is allocated: the
// same result as std, nothing that can fail. It is O(n^2) comparisons: fine for
// the short slices programs sort, and the note at each use says so. Built on
// core's slice `swap` only, so every profile has it.
import type { CompatItem, CompatPiece } from './piece.ts';

type Which = 'sort' | 'sort_by' | 'sort_by_key';

const SPEC: Record<Which, { trait: string; method: string; args: number; sig: string; less: string; example: string }> = {
  sort_by_key: {
    trait: 'StableSortByKey',
    method: 'stable_sort_by_key',
    args: 1,
    sig: 'fn stable_sort_by_key<K: Ord, F: FnMut(&T) -> K>(&mut self, mut key: F)',
    less: 'key(&self[j]) < key(&self[j - 1])',
    example: '    let mut v = [(2u8, \'a\'), (1, \'b\'), (2, \'c\')];\n    v.stable_sort_by_key(|p| p.0);',
  },
  sort_by: {
    trait: 'StableSortBy',
    method: 'stable_sort_by',
    args: 1,
    sig: 'fn stable_sort_by<F: FnMut(&T, &T) -> core::cmp::Ordering>(&mut self, mut compare: F)',
    less: 'compare(&self[j], &self[j - 1]) == core::cmp::Ordering::Less',
    example: '    let mut v = [(2u8, \'a\'), (1, \'b\'), (2, \'c\')];\n    v.stable_sort_by(|a, b| a.0.cmp(&b.0));',
  },
  sort: {
    trait: 'StableSort',
    method: 'stable_sort',
    args: 0,
    sig: 'fn stable_sort(&mut self)\n    where\n        T: Ord,',
    less: 'self[j] < self[j - 1]',
    example: '    let mut v = [(2u8, \'a\'), (1, \'b\'), (2, \'c\')];\n    v.stable_sort();',
  },
};

/** The compat method a stable sort of std becomes. */
export function stableSortMethod(std: string): string | undefined {
  return (SPEC as Record<string, { method: string }>)[std]?.method;
}

function piece(which: Which): CompatPiece {
  const s = SPEC[which];
  const decl = s.sig.replace(/\bmut (key|compare)\b/, '$1');
  return {
    id: s.trait,
    example: s.example,
    import: s.trait,
    watch: { methods: [s.method] },
    usedIn: (scan) => scan.methods.some((m) => m.name === s.method && m.args === s.args),
    text: () => ({
      uses: [],
      text: `/// \`v.${s.method}(..)\` in place of std's stable \`v.${which}(..)\`: an insertion sort in place,
/// stable (equal elements keep their order) and allocation-free, O(n^2) comparisons.
pub(crate) trait ${s.trait}<T> {
    /// Sorts the slice as std's \`${which}\` does, equal elements in their order.
    ${decl};
}

impl<T> ${s.trait}<T> for [T] {
    ${s.sig} {
        for i in 1..self.len() {
            let mut j = i;
            while j > 0 && ${s.less} {
                self.swap(j - 1, j);
                j -= 1;
            }
        }
    }
}
`,
    }),
  };
}

export const SORT_ITEM: CompatItem = {
  name: 'StableSort',
  doc: `The kernel has only the unstable sorts; \`stable_sort*\` sort in place by insertion,
keeping equal elements in their order, and allocate nothing.`,
  pieces: [piece('sort_by_key'), piece('sort_by'), piece('sort')],
};
