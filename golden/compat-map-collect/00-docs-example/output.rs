fn main() {
    let list_of_numbers = vec![1, 2, 3];
    let list_of_strings: Vec<String> =
        list_of_numbers.iter().map(|i| i.to_kstring()).try_collect_ok(GFP_KERNEL)?;
}
