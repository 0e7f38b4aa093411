struct Input {
    keys: u32,
}

fn main() {
    let i = Input { keys: 1 };
    pr_info!("{}\n", i.keys);
}
