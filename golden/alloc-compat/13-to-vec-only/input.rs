fn copy(v: &Vec<u32>) -> Vec<u32> {
    v.clone()
}

fn main() {
    let v = vec![1, 2];
    let w = copy(&v);
    drop(w);
}
