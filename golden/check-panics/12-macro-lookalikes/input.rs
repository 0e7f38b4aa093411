module! {
    type: Demo,
    name: "demo",
    license: "GPL",
}

macro_rules! first {
    ($v:expr) => {
        $v.get(0)
    };
}

fn show(v: Option<u32>, buf: &[u8]) {
    pr_info!("value {} {:?}\n", v.unwrap_or(0), first!(buf));
    pr_info!("literal text: v.unwrap() and buf[0] / n\n");
    let _ = matches!(v, Some(_));
}
