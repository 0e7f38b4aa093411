// Generated from src/kernel-api/std-only.ts: one example per row that
// check-std-api reports; each `// <-` line is reported once.

fn example(query: &str) {
    let q = query.to_lowercase(); // <-
    let _ = q;
}

fn example(word: &str) {
    let loud = word.trim().to_uppercase(); // <-
    let _ = loud;
}

fn example(name: &str) {
    let k = name.to_ascii_lowercase(); // <-
    let _ = k;
}

fn example(name: &String) {
    let k = name.to_ascii_uppercase(); // <-
    let _ = k;
}

fn example(out: &mut Text) {
    out.push_str("!"); // <-
}

fn example(out: &mut Text) {
    out.insert_str(0, "> "); // <-
}

fn example(line: &str) {
    let t = line.replace("\t", " "); // <-
    let _ = t;
}

fn example(line: &str) {
    let t = line.replacen("a", "b", 1); // <-
    let _ = t;
}

fn example() {
    let owned = "guest".to_owned(); // <-
    let _ = owned;
}

fn example() {
    let s = String::new();
    let t = s.clone(); // <-
    let _ = t;
}

fn example(s: &mut String) {
    s.push('!'); // <-
}

fn example(s: &mut String) {
    s.insert(0, '>'); // <-
}

fn example(s: &mut String) {
    s.extend(['a', 'b']); // <-
}

fn example() {
    let mut s = String::new();
    s.reserve(16); // <-
}

fn example() {
    let s1 = String::from("tic");
    let s = s1 + "-tac"; // <-
    let _ = s;
}

fn example(s: &mut String) {
    *s += "!"; // <-
}

fn example() {
    let f = str::to_owned; // <-
    let _ = f;
}

fn example() {
    let f = str::to_string; // <-
    let _ = f;
}

fn example() {
    let f = str::to_lowercase; // <-
    let _ = f;
}

fn example() {
    let f = str::to_uppercase; // <-
    let _ = f;
}

fn example() {
    let f = str::repeat; // <-
    let _ = f;
}

fn example() {
    let f = ToOwned::to_owned; // <-
    let _: String = f("x");
}

fn example(counts: &mut Counts, word: u32) {
    *counts.entry(word).or_insert(0) += 1; // <-
}

use std::collections::BTreeMap;
fn example() {
    let mut m: BTreeMap<u32, u32> = BTreeMap::new();
    let e = m.entry(1); // <-
    let _ = e;
}

use std::collections::HashMap;
fn example() {
    let mut m: HashMap<u8, u8> = HashMap::new();
    m.insert(1, 2); // <-
}

use std::collections::BTreeSet;
fn example() {
    let mut s: BTreeSet<u8> = BTreeSet::new();
    s.extend([1, 2]); // <-
}

use std::collections::VecDeque;
fn example() {
    let mut q: VecDeque<u8> = VecDeque::new();
    q.reserve(4); // <-
}

use std::collections::HashSet;
fn example() {
    let mut seen = HashSet::new();
    seen.insert(3u32); // <-
}

use std::collections::VecDeque;
fn example() {
    let mut q = VecDeque::new();
    q.push_back(1u8); // <-
}

use std::collections::VecDeque;
fn example() {
    let mut q: VecDeque<u8> = VecDeque::new();
    q.push_front(1); // <-
}

use std::collections::BinaryHeap;
fn example() {
    let mut h = BinaryHeap::new();
    h.push(4u32); // <-
}

use std::collections::BTreeMap;
fn example() {
    let mut a: BTreeMap<u8, u8> = BTreeMap::new();
    let mut b: BTreeMap<u8, u8> = BTreeMap::new();
    a.append(&mut b); // <-
}

use std::collections::HashMap;
fn example() {
    let m: HashMap<u8, u8> = HashMap::new();
    let n = m.clone(); // <-
    let _ = n;
}

fn example(items: &mut Items) {
    let tail = items.split_off(2); // <-
    let _ = tail;
}

fn example(bytes: &[u8]) {
    let copy = bytes.to_owned(); // <-
    let _ = copy;
}

use std::collections::BTreeMap;
fn example() {
    let mut m = BTreeMap::new(); // <-
    m.insert(1u8, 2u8);
}

use std::collections::HashMap;
fn example() {
    let scores: HashMap<u8, u8> = HashMap::new(); // <-
    let _ = scores;
}

use std::collections::HashSet;
fn example() {
    let s = HashSet::<u32>::with_capacity(8); // <-
    let _ = s;
}

use std::collections;
fn example() {
    let q: collections::VecDeque<u8> = collections::VecDeque::new(); // <-
    let _ = q;
}

use std::rc::Rc;
fn example() {
    let a = Rc::new(5); // <-
    let _ = a;
}

use std::sync::Mutex;
fn example() {
    let m = Mutex::new(0); // <-
    let _ = m;
}

use std::sync::mpsc;
fn example() {
    let (tx, rx) = mpsc::channel::<u8>(); // <-
    let _ = (tx, rx);
}

use std::process;
fn example() {
    let f = |code: i32| process::exit(code); // <-
    f(1);
}

use std::process::exit;
fn example() {
    let f = || exit(2); // <-
    f();
}

use std::env;
fn example() {
    let n = env::args().count(); // <-
    let _ = n;
}

use std::io;
fn example() {
    let _stdin = io::stdin(); // <-
}

use std::thread;
fn example() {
    let h = thread::spawn(|| 1); // <-
    let _ = h;
}

use std::fs;
fn example() {
    let _ = fs::read_to_string("x"); // <-
}
