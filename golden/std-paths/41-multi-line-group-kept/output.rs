//! An import left as written is reported from its `std` root when its list
//! spreads over lines: that is where rustc rejects it. On one line, each path
//! keeps its own column.
use std::{
    io::{BufRead, BufReader},
    net::{TcpListener, UdpSocket},
};
use std::{env::args, fs::File};

fn serve(listener: TcpListener) {}
