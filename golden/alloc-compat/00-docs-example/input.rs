fn main() {
    let v: Vec<u32> = (0..4).try_collect(GFP_KERNEL)?;
}
