struct Doc {
    body: KString,
}

impl Doc {
    fn add(&mut self, word: &str, tail: &KString) {
        self.body.push_str(word);
        self.body.push(' ');
        self.body += tail;
        self.body.insert_str(0, "> ");
    }
}

fn line(parts: &[&str], out: &mut KString) {
    let mut s = KString::new();
    for p in parts {
        s += p;
        s.push(',');
    }
    out.push_str(&s);
}
