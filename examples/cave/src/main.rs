//! A small text adventure: find the gem deep in the cave and carry it out.
//!
//! One command per line on stdin: n, s, e, w (or north, ...), look, take,
//! inv, out, quit. Everything the game prints while playing is printed in
//! the input loop of `main`, so `kport rewrite --io miscdev` can turn the
//! loop into the handler of /dev/cave.

use std::io::{self, BufRead};

const ENTRANCE: usize = 0;
const HALL: usize = 4;
const TREASURY: usize = 5;

#[derive(Clone, Copy, PartialEq)]
enum Dir {
    North,
    South,
    East,
    West,
}

impl Dir {
    fn parse(word: &str) -> Option<Dir> {
        match word {
            "n" | "north" => Some(Dir::North),
            "s" | "south" => Some(Dir::South),
            "e" | "east" => Some(Dir::East),
            "w" | "west" => Some(Dir::West),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Dir::North => "north",
            Dir::South => "south",
            Dir::East => "east",
            Dir::West => "west",
        }
    }
}

struct Room {
    name: &'static str,
    text: &'static str,
    /// Exits to the north, south, east and west (indices into `Cave::rooms`).
    exits: [Option<usize>; 4],
    item: Option<&'static str>,
}

/// What happened when the player tried to walk somewhere.
enum Step {
    Moved,
    Unlocked,
    Blocked(&'static str),
    NoExit,
}

struct Cave {
    rooms: [Room; 6],
    here: usize,
    visited: Vec<usize>,
    door_open: bool,
}

impl Cave {
    fn new() -> Cave {
        let room = |name, text, exits, item| Room { name, text, exits, item };
        Cave {
            rooms: [
                room("the entrance", "Daylight falls in from above: the way out.", [Some(1), None, None, None], None),
                room("a narrow tunnel", "The tunnel forks in every direction.", [Some(HALL), Some(ENTRANCE), Some(2), Some(3)], None),
                room("a crystal grotto", "Crystals glitter on the walls.", [None, None, None, Some(1)], Some("lamp")),
                room("a cavern by a black lake", "Cold water laps at your feet.", [None, None, Some(1), None], Some("key")),
                room("a great hall", "A heavy door stands in the north wall.", [Some(TREASURY), Some(1), None, None], None),
                room("the treasure chamber", "Gold dust covers the floor.", [None, Some(HALL), None, None], Some("gem")),
            ],
            here: ENTRANCE,
            visited: vec![ENTRANCE],
            door_open: false,
        }
    }

    fn room(&self) -> &Room {
        &self.rooms[self.here]
    }

    fn go(&mut self, dir: Dir, carrying: &[&str]) -> Step {
        let Some(to) = self.room().exits[dir as usize] else {
            return Step::NoExit;
        };
        if to == HALL && !carrying.contains(&"lamp") {
            return Step::Blocked("It is too dark to go on without a light.");
        }
        let mut step = Step::Moved;
        if to == TREASURY && !self.door_open {
            if !carrying.contains(&"key") {
                return Step::Blocked("The door is locked.");
            }
            self.door_open = true;
            step = Step::Unlocked;
        }
        self.here = to;
        if !self.visited.contains(&to) {
            self.visited.push(to);
        }
        step
    }

    fn take(&mut self) -> Option<&'static str> {
        let here = self.here;
        self.rooms[here].item.take()
    }
}

fn main() {
    let mut cave = Cave::new();
    let mut inventory: Vec<&'static str> = Vec::new();
    let mut moves: u32 = 0;
    let mut escaped: bool = false;
    println!("You wake up in a dark cave. Find the gem and carry it out.");
    println!("Commands: n, s, e, w, look, take, inv, out, quit.");
    let stdin = io::stdin();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let cmd = line.trim();
        if cmd == "quit" {
            break;
        }
        if cmd.is_empty() {
            continue;
        }
        moves += 1;
        match cmd {
            "look" => {
                let room = cave.room();
                println!("You are in {}. {}", room.name, room.text);
                if let Some(item) = room.item {
                    println!("There is a {} here.", item);
                }
            }
            "take" => match cave.take() {
                Some(item) => {
                    inventory.push(item);
                    println!("You take the {}.", item);
                }
                None => println!("There is nothing here to take."),
            },
            "inv" => {
                if inventory.is_empty() {
                    println!("You carry nothing.");
                } else {
                    print!("You carry:");
                    for item in &inventory {
                        print!(" {}", item);
                    }
                    println!();
                }
            }
            "out" => {
                if cave.here != ENTRANCE {
                    println!("There is no way out from here.");
                } else if inventory.contains(&"gem") {
                    escaped = true;
                    break;
                } else {
                    println!("You won't leave without the gem.");
                }
            }
            _ => match Dir::parse(cmd) {
                Some(dir) => match cave.go(dir, &inventory) {
                    Step::Moved => println!("You are in {}.", cave.room().name),
                    Step::Unlocked => println!("You unlock the door and step into {}.", cave.room().name),
                    Step::Blocked(why) => println!("{}", why),
                    Step::NoExit => println!("You can't go {} from here.", dir.name()),
                },
                None => println!("I don't know how to '{}'.", cmd),
            },
        }
    }
    if escaped {
        println!("You climb out into the daylight with the gem. You win!");
    } else {
        println!("You stay in {}, without the treasure.", cave.room().name);
    }
    println!("{} moves, {} of {} rooms seen, {} items carried.", moves, cave.visited.len(), cave.rooms.len(), inventory.len());
}
