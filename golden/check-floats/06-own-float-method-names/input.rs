struct Ring {
    size: u32,
}

impl Ring {
    fn round(&self, x: u32) -> u32 {
        x & !(self.size - 1)
    }
}

fn align(r: &Ring, x: u32) -> u32 {
    r.round(x).max(1).min(4096)
}
