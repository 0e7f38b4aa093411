#[derive(Debug, Clone, PartialEq)]
struct Entry {
    key: String,
    value: u32,
}

#[derive(Clone, Copy)]
struct View<'a> {
    key: &'a String,
}

#[derive(Clone)]
enum Token {
    Word(String),
    Number(i64),
}

#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
struct Key {
    name: String,
}
