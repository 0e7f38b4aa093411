unsafe extern "C" {
    pub safe fn abs(x: i32) -> i32;
}

pub fn magnitude(x: i32) -> i32 {
    abs(x)
}
