fn build() {
    let v = Vec::from([1, 2, 3]);
    let s = String::from("eth0");
    let t = String::with_capacity(8);
}
