use ::std::mem;

fn f() -> *const u8 {
    let _ = ::std::mem::size_of::<u8>();
    ::std::ptr::null::<u8>()
}
