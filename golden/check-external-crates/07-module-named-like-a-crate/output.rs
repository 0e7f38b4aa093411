mod rand {
    pub fn roll(seed: u32) -> u32 {
        seed.wrapping_mul(1_103_515_245).wrapping_add(12_345)
    }
}

use rand::roll;

fn next(state: u32) -> u32 {
    let rand = roll(state);
    rand.rotate_left(3)
}
