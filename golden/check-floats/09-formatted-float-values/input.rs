// A float reached through a variable or field is reported where it is
// formatted too (K0623), not only where it is declared: the kernel cannot
// format floats. A literal argument is reported as the literal (K0621).
struct Sample {
    mean: f64,
    count: u32,
}

fn report(s: &Sample, ratio: f32) {
    println!("{} samples, mean {:.2}", s.count, s.mean);
    println!("{ratio:?} {}", &ratio);
}

fn main() {
    let tup = (500, 6.4, 1);
    let (x, y, z) = tup;
    println!("The value of y is: {y}");
    let w = 0.5;
    print!("{} {w} {}", x + z, 1.5);
    let s = Sample { mean: 2.0, count: 3 };
    report(&s, 0.25);
}
