use std::ops::*;
use std::collections::*;
use std::*;
