use std::{fmt, collections::HashMap, io::{self, Read}};

struct Scores(HashMap<u8, u8>);
