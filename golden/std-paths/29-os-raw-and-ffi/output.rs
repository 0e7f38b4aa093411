use core::ffi::{c_char, c_int};
use core::mem;
use core::ffi::c_long;
use core::ffi::CStr;
use std::ffi::CString;

extern "C" {
    fn puts(s: *const c_char) -> c_int;
}

fn p() -> *mut core::ffi::c_void { core::ptr::null_mut() }
