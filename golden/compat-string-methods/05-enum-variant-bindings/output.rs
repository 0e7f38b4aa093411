// A binding of a crate enum's variant is typed by the variant's field.
enum Expr {
    Var(KString),
    Let { name: KString, value: i64 },
    Num(i64),
}

fn names(e: &Expr, out: &mut KVec<KString>) {
    match e {
        Expr::Var(name) => out.push(name.try_clone()?),
        Expr::Let { name, .. } => out.push(name.try_clone()?),
        Expr::Num(n) => {
            let _ = n.clone();
        }
    }
    if let Expr::Var(ref v) = e {
        let mut s = v.try_clone()?;
        s.push('!', GFP_KERNEL)?;
    }
}
