use std::os::raw::{c_char, c_int};
use std::{mem, os::raw::c_long};
use std::ffi::{CStr, CString};

extern "C" {
    fn puts(s: *const c_char) -> c_int;
}

fn p() -> *mut std::os::raw::c_void { core::ptr::null_mut() }
