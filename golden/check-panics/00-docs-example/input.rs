fn average(args: &[&str], total: u32, count: u32) -> u32 {
    let n = args[1].parse::<u32>().unwrap();
    let avg = total / count;
    n + avg
}
