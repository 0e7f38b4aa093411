//! Prints a banner.
#![allow(dead_code)]

module! {
	type: Input,
	name: "input",
	description: "Prints a banner",
	license: "GPL",
}

struct Input;

/// The entry point.
#[allow(unused_variables)]
impl kernel::Module for Input {
	fn init(_module: &'static ThisModule) -> Result<Self> {
		let banner = "first line
second line";
		/* a block comment
	   over two lines */
		pr_info!("{}\n", banner);
		Ok(Input)
	}
}
