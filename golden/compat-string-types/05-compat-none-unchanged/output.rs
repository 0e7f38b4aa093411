use std::string::String;

struct User {
    name: String,
    nick: Option<String>,
    tags: Vec<String>,
}

fn longest(a: &String, b: &str) -> String {
    let full: std::string::String = make(a.len());
    full
}

fn make(n: usize) -> String {
    let v: Vec<String> = Vec::new();
    let _ = (n, v);
    String::new()
}
