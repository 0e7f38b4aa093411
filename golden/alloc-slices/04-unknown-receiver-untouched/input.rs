fn f(mut table: Table) {
    table.sort();
    let mut h = make();
    h.sort_by(|a, b| a.cmp(b));
}
