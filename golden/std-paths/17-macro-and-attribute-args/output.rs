#[derive(kernel::fmt::Debug, core::clone::Clone)]
struct S;

fn f<T>() {
    pr_info!("{} {}\n", core::mem::size_of::<T>(), core::mem::align_of::<T>());
    assert_eq!(core::mem::size_of::<u8>(), 1);
    let _ = my_macro!(std::collections::HashMap<u8, u8>);
}
