//! Hangman in the terminal: guess the word one letter at a time.

use std::collections::HashSet;
use std::io::{self, BufRead};

const MAX_MISSES: usize = 6;

const WORDS: [&str; 5] = ["kernel", "module", "pointer", "borrow", "lifetime"];

#[derive(Debug, PartialEq)]
enum Outcome {
    Playing,
    Won,
    Lost,
}

struct Game {
    secret: Vec<char>,
    guessed: HashSet<char>,
    misses: Vec<char>,
}

impl Game {
    fn new(word: &str) -> Game {
        Game {
            secret: word.chars().collect(),
            guessed: HashSet::new(),
            misses: Vec::new(),
        }
    }

    fn guess(&mut self, c: char) -> bool {
        let c = c.to_ascii_lowercase();
        if !self.guessed.insert(c) {
            println!("You already tried '{}'.", c);
            return false;
        }
        if self.secret.contains(&c) {
            true
        } else {
            self.misses.push(c);
            false
        }
    }

    fn masked(&self) -> String {
        let mut out = String::new();
        for c in &self.secret {
            if self.guessed.contains(c) {
                out.push(*c);
            } else {
                out.push('_');
            }
            out.push(' ');
        }
        out.trim_end().to_string()
    }

    fn outcome(&self) -> Outcome {
        if self.misses.len() >= MAX_MISSES {
            Outcome::Lost
        } else if self.secret.iter().all(|c| self.guessed.contains(c)) {
            Outcome::Won
        } else {
            Outcome::Playing
        }
    }

    fn gallows(&self) -> &'static str {
        match self.misses.len() {
            0 => "|      ",
            1 => "|  O   ",
            2 => "|  O | ",
            3 => "| \\O | ",
            4 => "| \\O/| ",
            5 => "| \\O/|/",
            _ => "| \\O/|/\\",
        }
    }
}

fn pick_word(seed: usize) -> &'static str {
    WORDS[seed % WORDS.len()]
}

fn main() {
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    let seed: usize = match lines.next() {
        Some(Ok(line)) => line.trim().parse().unwrap_or(0),
        _ => 0,
    };
    let mut game = Game::new(pick_word(seed));
    println!("Welcome to hangman! The word has {} letters.", game.secret.len());

    while game.outcome() == Outcome::Playing {
        println!("{}  {}", game.gallows(), game.masked());
        let line = match lines.next() {
            Some(Ok(line)) => line,
            _ => break,
        };
        let c = match line.trim().chars().next() {
            Some(c) if c.is_ascii_alphabetic() => c,
            _ => {
                eprintln!("Please type a letter.");
                continue;
            }
        };
        if game.guess(c) {
            println!("Yes, '{}' is in the word.", c);
        } else if !game.misses.is_empty() && *game.misses.last().unwrap() == c {
            println!("No '{}'. Misses: {:?}", c, game.misses);
        }
    }

    match game.outcome() {
        Outcome::Won => println!("You win! The word was {}.", game.secret.iter().collect::<String>()),
        Outcome::Lost => println!("You lose. The word was {}.", game.secret.iter().collect::<String>()),
        Outcome::Playing => println!("Out of input; the word was {}.", game.secret.iter().collect::<String>()),
    }
    println!("{} guesses, {} misses.", game.guessed.len(), game.misses.len());
}
