struct Doc {
    body: KString,
}

impl Doc {
    fn add(&mut self, word: &str, tail: &KString) {
        self.body.push_str(word, GFP_KERNEL)?;
        self.body.push(' ', GFP_KERNEL)?;
        self.body.push_str(tail, GFP_KERNEL)?;
        self.body.insert_str(0, "> ", GFP_KERNEL)?;
    }
}

fn line(parts: &[&str], out: &mut KString) {
    let mut s = KString::new();
    for p in parts {
        s.push_str(p, GFP_KERNEL)?;
        s.push(',', GFP_KERNEL)?;
    }
    out.push_str(&s, GFP_KERNEL)?;
}

fn concat(s1: KString, s2: &KString, n: u32) -> KString {
    let total = n + 1;
    let _ = total;
    kformat!("{}{}{}{}", s1, "-", &s2, "!")?
}
