struct Parser;

impl Parser {
    fn expect(&self, tok: u8, msg: &str) -> bool {
        tok != 0 && !msg.is_empty()
    }
}

fn pick(v: Option<u32>, r: Result<u32, ()>, p: &Parser) -> u32 {
    let a = v.unwrap_or(0);
    let b = r.unwrap_or_default();
    let c = v.unwrap_or_else(|| 7);
    let ok = p.expect(1, "token");
    // unwrap() in a comment is not a call; neither is "x.unwrap()" in a string.
    let _s = "x.unwrap()";
    a + b + c + ok as u32
}
