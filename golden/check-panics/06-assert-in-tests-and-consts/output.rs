const MAX: usize = 64;
const _: () = assert!(MAX.is_power_of_two());

fn half(n: usize) -> usize {
    n >> 1
}

#[test]
fn halves() {
    assert_eq!(half(4), 2);
    let v: Option<u32> = Some(1);
    v.unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd() {
        assert!(half(3) == 1);
        panic!("unreachable in a test is fine");
    }
}
