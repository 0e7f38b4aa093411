fn main() {
    let xs = vec![1, 2, 3];
    // Ported whole by compat-map-collect: not reported here.
    let list: Vec<String> = xs.iter().map(ToString::to_string).collect();
    // Not collected into text: reported.
    let n = xs.iter().map(ToString::to_string).count();
}
