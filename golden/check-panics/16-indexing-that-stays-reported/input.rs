// Indexing kport cannot show to be in bounds keeps its note.
fn risky(v: &mut KVec<u32>, mut i: usize, j: usize) -> u32 {
    let mut s = 0;
    // The index changes after the check.
    if i < v.len() {
        i += 1;
        s += v[i];
    }
    // The vector shrinks after the check.
    if i < v.len() {
        v.pop();
        s += v[i];
    }
    // Another index than the one checked, or another slice.
    if i < v.len() {
        s += v[j] + v[i + 1];
    }
    // Beyond the window.
    for w in v.windows(2) {
        s += w[2];
    }
    // A `for` range fixed once, while the body shrinks the vector.
    for k in 0..v.len() {
        s += v[k];
        v.pop();
    }
    // The check and the index do not agree: `<=`.
    if i <= v.len() {
        s += v[i];
    }
    // An inner loop advances the index without checking again.
    while i < v.len() {
        for _ in 0..2 {
            s += v[i];
            i += 1;
        }
    }
    // `i - 1` with nothing saying `i >= 1`.
    if i < v.len() {
        s += v[i - 1];
    }
    // The vector is handed on whole between the check and the index.
    if i < v.len() {
        shrink(v);
        s += v[i];
    }
    // A closure parameter that is not a window.
    let t: u32 = v.chunks(2).map(|c| c[1]).sum();
    // The early return checks something else.
    if j >= v.len() {
        return s;
    }
    s + t + v[i]
}

fn shrink(v: &mut KVec<u32>) {
    v.clear();
}
