const GAIN: u32 = 1;

fn scale(x: u32) -> u32 {
    let a = 1.5;
    let b = 2e3;
    let c = 1f32;
    x * GAIN + (a + b + c) as u32
}
