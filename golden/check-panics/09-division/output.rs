fn average(total: u64, count: u64) -> u64 {
    let avg = total / count;
    let rem = total % (count - 1);
    let mut step = total;
    step /= count;
    avg + rem + step
}
