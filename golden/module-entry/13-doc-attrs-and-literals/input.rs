//! Prints a banner.
#![allow(dead_code)]

/// The entry point.
#[allow(unused_variables)]
fn main() {
	let banner = "first line
second line";
	/* a block comment
	   over two lines */
	pr_info!("{}\n", banner)
}
