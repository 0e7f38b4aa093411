use core::ops::*;
use std::collections::*;
use std::*;
