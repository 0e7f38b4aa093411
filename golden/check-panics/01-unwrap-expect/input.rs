fn first_port(ports: &[u16]) -> u16 {
    let p = ports.first().unwrap();
    let q: u16 = "80".parse().expect("a number");
    *p + q
}
