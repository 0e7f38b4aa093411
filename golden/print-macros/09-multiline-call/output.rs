fn main() {
    let (a, b) = (1, 2);
    pr_info!(
        "a = {}, b = {}\n", // both values
        a,
        b,
    );
}
