#[derive(std::fmt::Debug, std::clone::Clone)]
struct S;

fn f<T>() {
    pr_info!("{} {}\n", std::mem::size_of::<T>(), ::std::mem::align_of::<T>());
    assert_eq!(std::mem::size_of::<u8>(), 1);
    let _ = my_macro!(std::collections::HashMap<u8, u8>);
}
