// Fixed-size arrays: a constant index is checked by the compiler, and a loop
// bounded by the length cannot leave the array. The last ones stay reported.
const ROUNDS: usize = 8;
static TABLE: [u32; 4] = [1, 2, 3, 4];

struct State {
    words: [u32; ROUNDS],
}

impl State {
    fn mix(&mut self, block: &[u8; 16]) -> u32 {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = block[i] as u32;
        }
        for i in 16..64 {
            w[i] = w[i - 16] ^ w[i - 3];
        }
        let pair = [w[0], w[1]];
        for i in 0..ROUNDS {
            self.words[i] ^= w[i] + TABLE[i % 4];
        }
        self.words[0] + pair[1] + TABLE[3]
    }
}

fn still_reported(a: [u8; 8], v: &[u8], n: usize) -> u8 {
    let mut s = 0;
    // One past the end.
    for i in 0..=8 {
        s += a[i];
    }
    // A bound that is not the array's.
    for i in 0..n {
        s += a[i];
    }
    // `a` here is the loop's, not the array.
    for a in v.chunks(2) {
        s += a[1];
    }
    let small = [0u8; 4];
    for i in 0..5 {
        s += small[i];
    }
    s
}
