
struct User {
    name: KString,
    nick: Option<KString>,
    tags: Vec<KString>,
}

fn longest(a: &KString, b: &str) -> KString {
    let full: KString = make(a.len());
    full
}

fn make(n: usize) -> KString {
    let v: Vec<KString> = Vec::new();
    let _ = (n, v);
    String::new()
}
