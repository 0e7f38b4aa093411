use core::mem;

fn main() {
    let v: Vec<u32> = (0..4).collect();
    let w = v.clone();
    mem::drop(w);
}
