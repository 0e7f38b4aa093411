// Divisors that cannot be zero as the code shows: no note. The last ones stay reported.
fn mean(total: u64, count: u64) -> u64 {
    let a = total / count.max(1);
    let b = total % core::cmp::max(count, 2);
    let c = if count != 0 { total / count } else { 0 };
    let d = if count > 0 { total % count } else { 0 };
    a + b + c + d
}

fn per(total: u64, n: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    total / n
}

fn still_reported(total: u64, mut n: u64) -> u64 {
    let a = total / n.max(0);
    let b = if n != 0 {
        n -= 1;
        total / n
    } else {
        0
    };
    let c = total / n.min(1);
    if n == 0 {
        pr_info!("zero\n");
    }
    a + b + c + total / n
}
