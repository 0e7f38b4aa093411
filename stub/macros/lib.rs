// SPDX-License-Identifier: MIT
//! kport's stub of the kernel's `macros` crate: only `fmt!`, the macro that
//! mainline's `pr_*!` format with (rust/macros/fmt.rs, from the "rust: support
//! formatting of foreign types" series). Written for kport from the kernel's
//! documented behaviour:
//!
//! - the first argument must be a plain `"..."` literal; anything else (a raw
//!   string, `concat!`) is passed through untouched, as the kernel's macro does,
//!   so it then fails to build where the kernel's fails;
//! - every argument, positional or `name = value`, becomes
//!   `::kernel::fmt::Adapter(&(value))`; an argument is split at its first `=`;
//! - every inline capture in the format string (`{x}`, `{x:>4}`) that no
//!   `name = value` argument provides is added as `x = Adapter(&x)`;
//! - the result is `::core::format_args!(...)`.
//!
//! `Adapter<&T>` implements `core::fmt::Display` only for `T: kernel::fmt::Display`,
//! so `{}` of a type that implements just `core::fmt::Display` is rejected,
//! as in the kernel.

use proc_macro::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use std::collections::BTreeSet;

#[proc_macro]
pub fn fmt(input: TokenStream) -> TokenStream {
    let mut tokens = input.into_iter();
    let Some(first) = tokens.next() else {
        return TokenStream::new();
    };
    let (text, span) = match &first {
        TokenTree::Literal(lit) => {
            let s = lit.to_string();
            if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
                (s[1..s.len() - 1].to_string(), lit.span())
            } else {
                return std::iter::once(first).chain(tokens).collect();
            }
        }
        _ => return std::iter::once(first).chain(tokens).collect(),
    };

    let mut captures = inline_captures(&text);
    let mut out: Vec<TokenTree> = vec![first];
    let rest: Vec<TokenTree> = tokens.collect();
    for arg in rest.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
        if arg.is_empty() {
            continue;
        }
        out.push(punct(',', span));
        match arg.iter().position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '=')) {
            Some(eq) => {
                let name: TokenStream = arg[..eq].iter().cloned().collect();
                captures.remove(&name.to_string());
                out.extend(arg[..=eq].iter().cloned());
                out.extend(adapter(arg[eq + 1..].iter().cloned().collect(), span));
            }
            None => out.extend(adapter(arg.iter().cloned().collect(), span)),
        }
    }
    for name in captures {
        out.push(punct(',', span));
        out.push(TokenTree::Ident(Ident::new(&name, span)));
        out.push(punct('=', span));
        out.extend(adapter(TokenTree::Ident(Ident::new(&name, span)).into(), span));
    }

    let mut call: Vec<TokenTree> = path(&["core", "format_args"], span);
    call.push(punct('!', span));
    call.push(TokenTree::Group(Group::new(Delimiter::Parenthesis, out.into_iter().collect())));
    call.into_iter().collect()
}

/// Names used as `{name}` / `{name:spec}` in a format string (not `{}`, `{0}`, `{{`).
fn inline_captures(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix('{') {
            rest = after;
            continue;
        }
        let Some(close) = rest.find('}') else { break };
        let inner = &rest[..close];
        rest = &rest[close + 1..];
        let name = inner.split(':').next().unwrap_or("");
        if !name.is_empty() && !name.chars().all(|c| c.is_ascii_digit()) {
            names.insert(name.to_string());
        }
    }
    names
}

/// `::kernel::fmt::Adapter(&(<value>))`: the value is parenthesised, as in
/// mainline (a later fix; without it `&a * b` would bind as `(&a) * b`).
fn adapter(value: TokenStream, span: Span) -> Vec<TokenTree> {
    let mut v = path(&["kernel", "fmt", "Adapter"], span);
    let inner = vec![punct('&', span), TokenTree::Group(Group::new(Delimiter::Parenthesis, value))];
    v.push(TokenTree::Group(Group::new(Delimiter::Parenthesis, inner.into_iter().collect())));
    v
}

fn path(segments: &[&str], span: Span) -> Vec<TokenTree> {
    let mut v = Vec::new();
    for s in segments {
        let mut colon = Punct::new(':', Spacing::Joint);
        colon.set_span(span);
        v.push(TokenTree::Punct(colon));
        v.push(punct(':', span));
        v.push(TokenTree::Ident(Ident::new(s, span)));
    }
    v
}

fn punct(c: char, span: Span) -> TokenTree {
    let mut p = Punct::new(c, Spacing::Alone);
    p.set_span(span);
    TokenTree::Punct(p)
}
