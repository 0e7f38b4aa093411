use std::io::{self, BufRead};

struct Game {
    score: u32,
}

impl Game {
    fn play(&mut self, word: &str) {
        self.score += 1;
        self.show(word);
    }

    fn show(&self, word: &str) {
        println!("{}: {}", word, self.score);
    }
}

fn main() {
    let mut game = Game { score: 0 };
    for line in io::stdin().lock().lines() {
        let line = line.expect("stdin");
        game.play(&line);
    }
}
