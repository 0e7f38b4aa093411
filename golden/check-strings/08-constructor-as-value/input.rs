// A String constructor passed as a function is not a call for alloc-calls to
// report: it is reported here.
fn words(text: &str) -> usize {
    let v: Vec<usize> = text.split(' ').map(String::from).map(|s| s.len()).collect();
    let n = String::new().len();
    v.len() + n
}
