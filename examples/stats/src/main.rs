//! Summary statistics for a list of integer samples read from stdin.
//!
//! Each input line holds one sample; blank lines and lines starting with '#'
//! are skipped. Prints count, sum, min/max, mean, median, mode, percentiles,
//! a histogram and a moving average.

use std::io::{self, Read};

fn parse_samples(text: &str) -> Vec<i64> {
    let mut samples = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.parse::<i64>() {
            Ok(v) => samples.push(v),
            Err(_) => eprintln!("skipping bad sample: {}", line),
        }
    }
    samples
}

fn sorted(samples: &[i64]) -> Vec<i64> {
    let mut v = samples.to_vec();
    v.sort();
    v
}

fn mean_milli(samples: &[i64]) -> i64 {
    if samples.is_empty() {
        return 0;
    }
    let sum: i64 = samples.iter().sum();
    sum * 1000 / samples.len() as i64
}

fn median(sorted: &[i64]) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 0 {
        Some((sorted[mid - 1] + sorted[mid]) / 2)
    } else {
        Some(sorted[mid])
    }
}

fn mode(sorted: &[i64]) -> Option<i64> {
    let mut best: Option<(i64, usize)> = None;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j] == sorted[i] {
            j += 1;
        }
        let run = j - i;
        match best {
            Some((_, n)) if n >= run => {}
            _ => best = Some((sorted[i], run)),
        }
        i = j;
    }
    best.map(|(v, _)| v)
}

fn percentile(sorted: &[i64], p: usize) -> i64 {
    let rank = (p * (sorted.len() - 1) + 50) / 100;
    sorted[rank]
}

fn std_dev(samples: &[i64]) -> f64 {
    let n = samples.len() as f64;
    let mean = samples.iter().sum::<i64>() as f64 / n;
    let var = samples.iter().map(|&x| (x as f64 - mean).powi(2)).sum::<f64>() / n;
    var.sqrt()
}

fn histogram(sorted: &[i64], buckets: usize) -> Vec<(i64, i64, usize)> {
    let lo = sorted[0];
    let hi = sorted[sorted.len() - 1];
    let width = ((hi - lo) / buckets as i64).max(1);
    let mut out = Vec::with_capacity(buckets);
    for b in 0..buckets {
        let start = lo + width * b as i64;
        let end = if b + 1 == buckets { hi + 1 } else { start + width };
        let count = sorted.iter().filter(|&&x| x >= start && x < end).count();
        out.push((start, end, count));
    }
    out
}

fn moving_average(samples: &[i64], window: usize) -> Vec<i64> {
    let mut out = Vec::new();
    if window == 0 || samples.len() < window {
        return out;
    }
    for w in samples.windows(window) {
        out.push(w.iter().sum::<i64>() / window as i64);
    }
    out
}

fn print_report(samples: &[i64]) {
    let s = sorted(samples);
    let m = mean_milli(samples);
    println!("count:  {}", samples.len());
    println!("sum:    {}", samples.iter().sum::<i64>());
    println!("min:    {}", s[0]);
    println!("max:    {}", s[s.len() - 1]);
    println!("mean:   {}.{:03}", m / 1000, (m % 1000).abs());
    println!("median: {}", median(&s).unwrap());
    println!("mode:   {}", mode(&s).unwrap());
    println!("stddev: {:.2}", std_dev(samples));
    for p in [10, 50, 90] {
        println!("p{}:    {}", p, percentile(&s, p));
    }
    println!("histogram:");
    for (start, end, count) in histogram(&s, 4) {
        println!("  [{:>4}, {:>4}) {}", start, end, "#".repeat(count));
    }
    let avg = moving_average(samples, 3);
    println!("moving average (3): {:?}", avg);
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).expect("cannot read stdin");
    let samples = parse_samples(&input);
    if samples.is_empty() {
        eprintln!("no samples");
        std::process::exit(1);
    }
    print_report(&samples);
}
