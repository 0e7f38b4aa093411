fn main() {
    let v = [1, 2, 3];
    let first = v.iter().find(|x| {
        if **x > 1 {
            return true;
        }
        false
    });
    if first.is_none() {
        return;
    }
    pr_info!("found\n");
}
