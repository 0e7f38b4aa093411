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

fn concat(s1: KString, s2: &KString, n: u32) -> KString {
    let total = n + 1;
    let _ = total;
    s1 + "-" + &s2 + "!"
}
