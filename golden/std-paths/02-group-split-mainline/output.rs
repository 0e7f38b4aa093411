use kernel::fmt;
use std::{collections::HashMap, io::{self, Read}};

struct Scores(HashMap<u8, u8>);
