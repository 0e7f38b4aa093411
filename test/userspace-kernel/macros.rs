// SPDX-License-Identifier: MIT
//! Attribute macros for the userspace kernel shim (lib.rs beside this file). In the
//! kernel, `#[vtable]` records which optional operations an impl defines and
//! `#[pin_data]` generates pin projections; the shim needs neither (its traits
//! have runnable defaults, its values are pinned in boxes), so:
//! - `#[vtable]` and `#[pinned_drop]` return their item unchanged;
//! - `#[pin_data]` removes the `#[pin]` markers on fields, which rustc would
//!   otherwise reject as unknown attributes.

use proc_macro::{Delimiter, Group, TokenStream, TokenTree};

#[proc_macro_attribute]
pub fn vtable(_attr: TokenStream, item: TokenStream) -> TokenStream {
    item
}

#[proc_macro_attribute]
pub fn pinned_drop(_attr: TokenStream, item: TokenStream) -> TokenStream {
    item
}

#[proc_macro_attribute]
pub fn pin_data(_attr: TokenStream, item: TokenStream) -> TokenStream {
    strip_pin(item)
}

/// Drop every `#[pin]` (a `#` followed by a bracket group holding exactly `pin`).
fn strip_pin(ts: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = ts.into_iter().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let (TokenTree::Punct(p), Some(TokenTree::Group(g))) = (&tokens[i], tokens.get(i + 1)) {
            if p.as_char() == '#' && g.delimiter() == Delimiter::Bracket && g.stream().to_string().trim() == "pin" {
                i += 2;
                continue;
            }
        }
        out.push(match &tokens[i] {
            TokenTree::Group(g) => {
                let mut n = Group::new(g.delimiter(), strip_pin(g.stream()));
                n.set_span(g.span());
                TokenTree::Group(n)
            }
            t => t.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}
