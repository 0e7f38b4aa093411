//! A notebook kept in owned strings.
//!
//! One command per line on stdin: `title TEXT` names the notebook, `note TEXT`
//! adds a numbered note, `tag WORD` adds a `#WORD` tag, `show` prints it all,
//! `join` prints the notes on one line, `initials` the first letters of the
//! title's words, `count` how much text there is, `label N` a label made from
//! a number, `copy` repeats the last note, `clear` empties the tags.

use std::io::{self, BufRead};

/// The text of a note line: its number, then the text.
fn numbered(n: usize, text: &str) -> String {
    format!("{:>2}. {}", n, text)
}

/// The first letter of each word.
fn initials(text: &str) -> String {
    text.split_whitespace().filter_map(|w| w.chars().next()).collect::<String>()
}

fn main() {
    let mut title: String = String::from("untitled");
    let mut notes: Vec<String> = Vec::new();
    let mut tags: String = String::new();
    let stdin = io::stdin();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (cmd, rest) = line.split_once(' ').unwrap_or((line, ""));
        match cmd {
            "title" => {
                title = rest.to_string();
                println!("title: {}", title);
            }
            "note" => {
                let entry = numbered(notes.len() + 1, rest);
                println!("added {}", entry);
                notes.push(entry);
            }
            "tag" => {
                tags.push('#');
                tags.push_str(rest);
                tags += " ";
                println!("tags: {}", tags.trim_end());
            }
            "show" => {
                println!("== {} ==", title);
                for note in notes.iter() {
                    println!("{}", note);
                }
                if !tags.is_empty() {
                    println!("{}", tags.trim_end());
                }
            }
            "join" => println!("{}", notes.join(" | ")),
            "initials" => println!("{}", initials(&title)),
            "count" => {
                let mut letters = 0;
                for note in notes.iter() {
                    letters += note.len();
                }
                let summary = format!("{} notes, {} characters", notes.len(), letters);
                println!("{}", summary);
            }
            "label" => match rest.parse::<u32>() {
                Ok(n) => {
                    let label = n.to_string() + "!";
                    println!("label: {}", label);
                }
                Err(_) => println!("not a number: {}", rest),
            },
            "copy" => match notes.last() {
                Some(last) => {
                    let copy = String::from(last.as_str());
                    println!("copied {}", copy);
                    notes.push(copy);
                }
                None => println!("nothing to copy"),
            },
            "clear" => {
                tags.clear();
                println!("tags cleared");
            }
            _ => println!("unknown command: {}", cmd),
        }
    }
}
