// SPDX-License-Identifier: MIT
//! kport's stub of the kernel's `macros` crate: `fmt!`, the macro that
//! mainline's `pr_*!` format with, and `#[vtable]`, `#[pin_data]`,
//! `#[pinned_drop]` (below). Written for kport from the kernel's documented
//! behaviour, with no dependencies (the kernel's uses `syn`).
//!
//! `fmt!` (rust/macros/fmt.rs, the `syn` form whose `FormatArgs` parses a
//! `LitStr`, then positional arguments as `syn::Expr`, then `name = Expr`):
//!
//! - the first argument must be a string literal (`"..."` or a raw string);
//!   anything else is an error, as `syn::LitStr` parsing makes it;
//! - every argument is any expression (`if`/`match`/blocks/closures/casts,
//!   `a == b`, `f::<A, B>(x)`): the arguments are handed to the kernel stub's
//!   `__kport_fmt!` (stub/kernel/lib.rs), whose `$val:expr` fragments make
//!   rustc parse them exactly as `syn::Expr` would, each becoming
//!   `::kernel::fmt::Adapter(&(value))`; `name = value` keeps its name;
//! - every inline capture in the format string (`{x}`, `{x:>4}`) that no
//!   `name = value` argument provides is added as `x = Adapter(&(x))`, wrapped
//!   the same way as positional arguments;
//! - the result is `::core::format_args!(...)`.
//!
//! `Adapter<&T>` implements `core::fmt::Display` only for `T: kernel::fmt::Display`,
//! so `{}` of a type that implements just `core::fmt::Display` is rejected,
//! as in the kernel.

use proc_macro::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use std::collections::BTreeSet;

#[proc_macro]
pub fn fmt(input: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = input.into_iter().collect();
    let Some(first) = tokens.first() else {
        return compile_error("requires at least a format string argument", Span::call_site());
    };
    let (text, span) = match first {
        TokenTree::Literal(lit) => match string_literal_value(&lit.to_string()) {
            Some(text) => (text, lit.span()),
            None => return compile_error("expected string literal", lit.span()),
        },
        other => return compile_error("expected string literal", other.span()),
    };
    let rest = &tokens[1..];

    // Names given as `name = value` (an identifier then a lone `=`, at the start of
    // a top-level argument) are not added again from the format string.
    let mut captures = inline_captures(&text);
    let mut at_start = true;
    for (i, t) in rest.iter().enumerate() {
        if at_start {
            if let (TokenTree::Ident(name), Some(TokenTree::Punct(eq))) = (t, rest.get(i + 1)) {
                if eq.as_char() == '=' && eq.spacing() == Spacing::Alone {
                    captures.remove(name.to_string().trim_start_matches("r#"));
                }
            }
        }
        at_start = matches!(t, TokenTree::Punct(p) if p.as_char() == ',');
    }

    // `::kernel::__kport_fmt!([<lit>] [<captures>] <rest>)`
    let out = vec![first.clone()];
    let caps: Vec<TokenTree> = captures.iter().map(|n| TokenTree::Ident(Ident::new(n, span))).collect();
    let mut body: Vec<TokenTree> = vec![
        TokenTree::Group(Group::new(Delimiter::Bracket, out.into_iter().collect())),
        TokenTree::Group(Group::new(Delimiter::Bracket, caps.into_iter().collect())),
    ];
    body.extend(rest.iter().cloned());
    let mut call = path(&["kernel", "__kport_fmt"], span);
    call.push(punct('!', span));
    call.push(TokenTree::Group(Group::new(Delimiter::Parenthesis, body.into_iter().collect())));
    call.into_iter().collect()
}

/// The text of a `"..."` or raw `r#"..."#` string literal token; `None` for any other literal.
fn string_literal_value(s: &str) -> Option<String> {
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        return Some(s[1..s.len() - 1].to_string());
    }
    let raw = s.strip_prefix('r')?;
    let hashes = raw.len() - raw.trim_start_matches('#').len();
    let inner = raw[hashes..].strip_prefix('"')?;
    let inner = inner.strip_suffix(&"#".repeat(hashes))?.strip_suffix('"')?;
    Some(inner.to_string())
}

fn compile_error(msg: &str, span: Span) -> TokenStream {
    let mut call = path(&["core", "compile_error"], span);
    call.push(punct('!', span));
    let mut lit = proc_macro::Literal::string(msg);
    lit.set_span(span);
    call.push(TokenTree::Group(Group::new(Delimiter::Parenthesis, TokenTree::Literal(lit).into())));
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

// ---------------------------------------------------------------------------
// #[vtable] (rust/macros/vtable.rs), #[pin_data] and #[pinned_drop]
// (rust/pin-init/internal/src/{pin_data,pinned_drop}.rs), written for kport
// from the kernel's documented behaviour, with plain token-stream code:
//
// - `#[vtable]` on a trait adds `const HAS_<NAME>: bool = false;` for every
//   `fn` and `const USE_VTABLE_ATTR: ();`; on an impl it adds
//   `const HAS_<NAME>: bool = true;` for every `fn` the impl defines and
//   `const USE_VTABLE_ATTR: () = ();`, so an impl of a `#[vtable]` trait
//   without the attribute is rejected (missing `USE_VTABLE_ATTR`), as in the kernel.
// - `#[pin_data]` strips the `#[pin]` field markers and implements
//   `kernel::init::__internal::HasPinData`: one accessor per field that takes
//   an `impl PinInit<F, E>` for a `#[pin]` field and an `impl Init<F, E>` for
//   any other, so `field <- init` in `pin_init!` type-checks only where the
//   kernel accepts it. Without `(PinnedDrop)` the struct must not implement
//   `Drop`; with it, `Drop` forwards to `PinnedDrop::drop`.
// - `#[pinned_drop]` turns `impl PinnedDrop for T { fn drop(self: Pin<&mut Self>) }`
//   into the `unsafe impl` with the hidden `OnlyCallFromDrop` token argument.
// ---------------------------------------------------------------------------

fn is_punct(t: &TokenTree, c: char) -> bool {
    matches!(t, TokenTree::Punct(p) if p.as_char() == c)
}

fn is_ident(t: &TokenTree, s: &str) -> bool {
    matches!(t, TokenTree::Ident(i) if i.to_string() == s)
}

fn parse(s: &str) -> TokenStream {
    s.parse().expect("kport macros stub: generated code does not parse")
}

#[proc_macro_attribute]
pub fn vtable(_attr: TokenStream, item: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = item.into_iter().collect();
    let Some(body_at) = tokens.iter().rposition(|t| matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)) else {
        return tokens.into_iter().collect();
    };
    let is_trait = tokens[..body_at].iter().any(|t| is_ident(t, "trait"));
    let TokenTree::Group(body) = &tokens[body_at] else { unreachable!() };
    let inner: Vec<TokenTree> = body.stream().into_iter().collect();
    let mut fns = Vec::new();
    let mut consts = BTreeSet::new();
    for w in inner.windows(2) {
        if let TokenTree::Ident(name) = &w[1] {
            if is_ident(&w[0], "fn") {
                fns.push(name.to_string());
            } else if is_ident(&w[0], "const") {
                consts.insert(name.to_string());
            }
        }
    }
    let mut extra = String::new();
    for f in fns {
        let c = format!("HAS_{}", f.to_uppercase());
        if consts.contains(&c) {
            continue;
        }
        if is_trait {
            extra.push_str(&format!("/// Whether the implementation provides `{f}` (set by `#[vtable]`).\nconst {c}: bool = false;\n"));
        } else {
            extra.push_str(&format!("const {c}: bool = true;\n"));
        }
    }
    extra.push_str(if is_trait {
        "#[doc(hidden)]\nconst USE_VTABLE_ATTR: ();\n"
    } else {
        "const USE_VTABLE_ATTR: () = ();\n"
    });
    let mut new_body: TokenStream = inner.into_iter().collect();
    new_body.extend(parse(&extra));
    let mut group = Group::new(Delimiter::Brace, new_body);
    group.set_span(body.span());
    let mut out: Vec<TokenTree> = tokens[..body_at].to_vec();
    out.push(TokenTree::Group(group));
    out.extend(tokens[body_at + 1..].iter().cloned());
    out.into_iter().collect()
}

/// Split tokens at top-level commas, treating `<...>` as nesting (not `->`).
fn split_commas(tokens: &[TokenTree]) -> Vec<Vec<TokenTree>> {
    let mut out = vec![Vec::new()];
    let mut depth = 0i32;
    let mut prev_dash = false;
    for t in tokens {
        if let TokenTree::Punct(p) = t {
            match p.as_char() {
                '<' => depth += 1,
                '>' if !prev_dash => depth -= 1,
                ',' if depth == 0 => {
                    out.push(Vec::new());
                    prev_dash = false;
                    continue;
                }
                _ => {}
            }
            prev_dash = p.as_char() == '-';
        } else {
            prev_dash = false;
        }
        out.last_mut().unwrap().push(t.clone());
    }
    out.retain(|v| !v.is_empty());
    out
}

fn to_string(tokens: &[TokenTree]) -> String {
    tokens.iter().cloned().collect::<TokenStream>().to_string()
}

#[proc_macro_attribute]
pub fn pin_data(attr: TokenStream, item: TokenStream) -> TokenStream {
    let pinned_drop = attr.to_string().contains("PinnedDrop");
    let tokens: Vec<TokenTree> = item.into_iter().collect();
    let Some(kw) = tokens.iter().position(|t| is_ident(t, "struct")) else {
        return parse("::core::compile_error!(\"#[pin_data] only applies to structs\");");
    };
    // The visibility is what follows the attributes (`#[..]` groups).
    let mut vis_start = 0;
    while vis_start + 1 < kw && is_punct(&tokens[vis_start], '#') {
        vis_start += 2;
    }
    let vis = if vis_start < kw { to_string(&tokens[vis_start..kw]) } else { String::new() };
    let name = tokens[kw + 1].to_string();
    // Generics: `<...>` right after the name.
    let mut i = kw + 2;
    let mut generics: Vec<TokenTree> = Vec::new();
    if i < tokens.len() && is_punct(&tokens[i], '<') {
        let mut depth = 0;
        let mut prev_dash = false;
        while i < tokens.len() {
            let t = &tokens[i];
            if is_punct(t, '<') {
                depth += 1;
            } else if is_punct(t, '>') && !prev_dash {
                depth -= 1;
            }
            prev_dash = is_punct(t, '-');
            generics.push(t.clone());
            i += 1;
            if depth == 0 {
                break;
            }
        }
    }
    let Some(body_at) = tokens.iter().position(|t| matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)) else {
        return parse("::core::compile_error!(\"#[pin_data] needs a struct with named fields\");");
    };
    let where_clause = to_string(&tokens[i..body_at]);
    let TokenTree::Group(body) = &tokens[body_at] else { unreachable!() };
    let field_tokens: Vec<TokenTree> = body.stream().into_iter().collect();

    // impl generics (`<T: Bound, 'a>`) and type generics (`<T, 'a>`), defaults dropped.
    let (impl_g, ty_g) = if generics.is_empty() {
        (String::new(), String::new())
    } else {
        let inner = &generics[1..generics.len() - 1];
        let mut impl_parts = Vec::new();
        let mut ty_parts = Vec::new();
        for p in split_commas(inner) {
            let eq = p.iter().position(|t| is_punct(t, '='));
            let p = &p[..eq.unwrap_or(p.len())];
            impl_parts.push(to_string(p));
            let mut name_toks = Vec::new();
            for t in p {
                if is_punct(t, ':') {
                    break;
                }
                name_toks.push(t.clone());
            }
            if is_ident(&name_toks[0], "const") {
                name_toks.remove(0);
            }
            ty_parts.push(to_string(&name_toks));
        }
        (format!("<{}>", impl_parts.join(", ")), format!("<{}>", ty_parts.join(", ")))
    };

    let mut new_fields: Vec<TokenTree> = Vec::new();
    let mut accessors = String::new();
    for f in split_commas(&field_tokens) {
        let mut j = 0;
        let mut pinned = false;
        let mut kept: Vec<TokenTree> = Vec::new();
        while j + 1 < f.len() && is_punct(&f[j], '#') {
            let is_pin = matches!(&f[j + 1], TokenTree::Group(g) if g.stream().to_string() == "pin");
            if is_pin {
                pinned = true;
            } else {
                kept.push(f[j].clone());
                kept.push(f[j + 1].clone());
            }
            j += 2;
        }
        kept.extend(f[j..].iter().cloned());
        let Some(colon) = f.iter().position(|t| is_punct(t, ':')) else { continue };
        let fname = f[colon - 1].to_string();
        let fty = to_string(&f[colon + 1..]);
        let (tr, call) = if pinned { ("PinInit", "__pinned_init") } else { ("Init", "__init") };
        accessors.push_str(&format!(
            "#[allow(dead_code, clippy::missing_safety_doc)]\n{vis} unsafe fn {fname}<__E>(self, slot: *mut {fty}, init: impl ::kernel::init::{tr}<{fty}, __E>) -> ::core::result::Result<(), __E> {{ unsafe {{ ::kernel::init::{tr}::{call}(init, slot) }} }}\n"
        ));
        new_fields.extend(kept);
        new_fields.push(punct(',', body.span()));
    }
    let mut out: Vec<TokenTree> = tokens[..body_at].to_vec();
    let mut g = Group::new(Delimiter::Brace, new_fields.into_iter().collect());
    g.set_span(body.span());
    out.push(TokenTree::Group(g));
    out.extend(tokens[body_at + 1..].iter().cloned());

    let phantom = format!("::core::marker::PhantomData<fn({name}{ty_g}) -> {name}{ty_g}>");
    let drop_part = if pinned_drop {
        format!(
            "impl{impl_g} ::core::ops::Drop for {name}{ty_g} {where_clause} {{ fn drop(&mut self) {{ let pinned = unsafe {{ ::core::pin::Pin::new_unchecked(self) }}; let token = unsafe {{ ::kernel::init::__internal::OnlyCallFromDrop::new() }}; ::kernel::init::PinnedDrop::drop(pinned, token); }} }}"
        )
    } else {
        format!(
            "#[allow(non_camel_case_types)] trait MustNotImplDrop {{}} #[allow(drop_bounds)] impl<T: ::core::ops::Drop> MustNotImplDrop for T {{}} impl{impl_g} MustNotImplDrop for {name}{ty_g} {where_clause} {{}}"
        )
    };
    let extra = format!(
        "const _: () = {{
            #[doc(hidden)]
            {vis} struct __ThePinData{impl_g} {where_clause} {{ __phantom: {phantom} }}
            impl{impl_g} ::core::clone::Clone for __ThePinData{ty_g} {where_clause} {{ fn clone(&self) -> Self {{ *self }} }}
            impl{impl_g} ::core::marker::Copy for __ThePinData{ty_g} {where_clause} {{}}
            impl{impl_g} __ThePinData{ty_g} {where_clause} {{ {accessors} }}
            unsafe impl{impl_g} ::kernel::init::__internal::HasPinData for {name}{ty_g} {where_clause} {{
                type PinData = __ThePinData{ty_g};
                unsafe fn __pin_data() -> Self::PinData {{ __ThePinData {{ __phantom: ::core::marker::PhantomData }} }}
            }}
            {drop_part}
        }};"
    );
    let mut ts: TokenStream = out.into_iter().collect();
    ts.extend(parse(&extra));
    ts
}

#[proc_macro_attribute]
pub fn pinned_drop(_attr: TokenStream, item: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = item.into_iter().collect();
    let Some(imp) = tokens.iter().position(|t| is_ident(t, "impl")) else {
        return parse("::core::compile_error!(\"#[pinned_drop] applies to `impl PinnedDrop for T`\");");
    };
    let Some(for_at) = tokens.iter().position(|t| is_ident(t, "for")) else {
        return parse("::core::compile_error!(\"#[pinned_drop] applies to `impl PinnedDrop for T`\");");
    };
    // Generics of the impl: `impl<..>` up to the trait path (which ends right before `for`).
    let mut path_start = imp + 1;
    if path_start < for_at && is_punct(&tokens[path_start], '<') {
        let mut depth = 0;
        while path_start < for_at {
            if is_punct(&tokens[path_start], '<') {
                depth += 1;
            } else if is_punct(&tokens[path_start], '>') {
                depth -= 1;
            }
            path_start += 1;
            if depth == 0 {
                break;
            }
        }
    }
    let trait_path = to_string(&tokens[path_start..for_at]);
    if !trait_path.ends_with("PinnedDrop") {
        return parse("::core::compile_error!(\"#[pinned_drop] applies to `impl PinnedDrop for T`\");");
    }
    let mut out: Vec<TokenTree> = tokens[..imp].to_vec();
    out.push(TokenTree::Ident(Ident::new("unsafe", Span::call_site())));
    out.extend(tokens[imp..path_start].iter().cloned());
    out.extend(parse("::kernel::init::PinnedDrop"));
    let last = tokens.len() - 1;
    out.extend(tokens[for_at..last].iter().cloned());
    let TokenTree::Group(body) = &tokens[last] else {
        return parse("::core::compile_error!(\"#[pinned_drop]: expected an impl body\");");
    };
    let inner: Vec<TokenTree> = body.stream().into_iter().collect();
    let mut new_inner = Vec::new();
    let mut k = 0;
    while k < inner.len() {
        new_inner.push(inner[k].clone());
        if k >= 1 && is_ident(&inner[k - 1], "fn") && is_ident(&inner[k], "drop") && k + 1 < inner.len() {
            if let TokenTree::Group(params) = &inner[k + 1] {
                let mut ps = params.stream();
                ps.extend(parse(", _: ::kernel::init::__internal::OnlyCallFromDrop"));
                let mut g = Group::new(Delimiter::Parenthesis, ps);
                g.set_span(params.span());
                new_inner.push(TokenTree::Group(g));
                k += 2;
                continue;
            }
        }
        k += 1;
    }
    let mut g = Group::new(Delimiter::Brace, new_inner.into_iter().collect());
    g.set_span(body.span());
    out.push(TokenTree::Group(g));
    out.into_iter().collect()
}
