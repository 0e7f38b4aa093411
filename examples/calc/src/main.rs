//! A small calculator: tokenizer, recursive-descent parser and evaluator for
//! integer expressions with variables (`let x = 2 * (3 + 4)`).

use std::collections::HashMap;
use std::fmt;
use std::io::{self, BufRead};

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(i64),
    Ident(String),
    Op(char),
    LParen,
    RParen,
    Let,
    Assign,
}

#[derive(Debug)]
enum Expr {
    Num(i64),
    Var(String),
    Neg(Box<Expr>),
    Bin(char, Box<Expr>, Box<Expr>),
}

#[derive(Debug)]
enum CalcError {
    BadChar(char),
    UnexpectedEnd,
    Unexpected(Token),
    Unknown(String),
    DivByZero,
}

impl fmt::Display for CalcError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            CalcError::BadChar(c) => write!(f, "unexpected character '{}'", c),
            CalcError::UnexpectedEnd => write!(f, "unexpected end of input"),
            CalcError::Unexpected(t) => write!(f, "unexpected token {:?}", t),
            CalcError::Unknown(name) => write!(f, "unknown variable {}", name),
            CalcError::DivByZero => write!(f, "division by zero"),
        }
    }
}

fn tokenize(line: &str) -> Result<Vec<Token>, CalcError> {
    let chars: Vec<char> = line.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let mut n = 0i64;
            while i < chars.len() && chars[i].is_ascii_digit() {
                n = n * 10 + chars[i].to_digit(10).unwrap() as i64;
                i += 1;
            }
            tokens.push(Token::Num(n));
        } else if c.is_alphabetic() {
            let mut name = String::new();
            while i < chars.len() && chars[i].is_alphanumeric() {
                name.push(chars[i]);
                i += 1;
            }
            tokens.push(if name == "let" { Token::Let } else { Token::Ident(name) });
        } else {
            tokens.push(match c {
                '+' | '-' | '*' | '/' | '%' => Token::Op(c),
                '(' => Token::LParen,
                ')' => Token::RParen,
                '=' => Token::Assign,
                _ => return Err(CalcError::BadChar(c)),
            });
            i += 1;
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    // expr := term (('+' | '-') term)*
    fn expr(&mut self) -> Result<Expr, CalcError> {
        let mut lhs = self.term()?;
        while let Some(Token::Op(op)) = self.peek().cloned() {
            if op != '+' && op != '-' {
                break;
            }
            self.next();
            let rhs = self.term()?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    // term := factor (('*' | '/' | '%') factor)*
    fn term(&mut self) -> Result<Expr, CalcError> {
        let mut lhs = self.factor()?;
        while let Some(Token::Op(op)) = self.peek().cloned() {
            if op != '*' && op != '/' && op != '%' {
                break;
            }
            self.next();
            let rhs = self.factor()?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    // factor := number | ident | '-' factor | '(' expr ')'
    fn factor(&mut self) -> Result<Expr, CalcError> {
        match self.next() {
            Some(Token::Num(n)) => Ok(Expr::Num(n)),
            Some(Token::Ident(name)) => Ok(Expr::Var(name)),
            Some(Token::Op('-')) => Ok(Expr::Neg(Box::new(self.factor()?))),
            Some(Token::LParen) => {
                let e = self.expr()?;
                match self.next() {
                    Some(Token::RParen) => Ok(e),
                    Some(t) => Err(CalcError::Unexpected(t)),
                    None => Err(CalcError::UnexpectedEnd),
                }
            }
            Some(t) => Err(CalcError::Unexpected(t)),
            None => Err(CalcError::UnexpectedEnd),
        }
    }
}

fn eval(e: &Expr, vars: &HashMap<String, i64>) -> Result<i64, CalcError> {
    Ok(match e {
        Expr::Num(n) => *n,
        Expr::Var(name) => *vars.get(name).ok_or_else(|| CalcError::Unknown(name.clone()))?,
        Expr::Neg(inner) => -eval(inner, vars)?,
        Expr::Bin(op, a, b) => {
            let (x, y) = (eval(a, vars)?, eval(b, vars)?);
            match op {
                '+' => x + y,
                '-' => x - y,
                '*' => x * y,
                '/' | '%' if y == 0 => return Err(CalcError::DivByZero),
                '/' => x / y,
                _ => x % y,
            }
        }
    })
}

fn run_line(line: &str, vars: &mut HashMap<String, i64>) -> Result<Option<i64>, CalcError> {
    let mut tokens = tokenize(line)?;
    if tokens.is_empty() {
        return Ok(None);
    }
    let mut target = None;
    if tokens[0] == Token::Let {
        match (tokens.get(1), tokens.get(2)) {
            (Some(Token::Ident(name)), Some(Token::Assign)) => target = Some(name.clone()),
            _ => return Err(CalcError::Unexpected(tokens[0].clone())),
        }
        tokens.drain(..3);
    }
    let mut parser = Parser { tokens, pos: 0 };
    let expr = parser.expr()?;
    if let Some(t) = parser.next() {
        return Err(CalcError::Unexpected(t));
    }
    let value = eval(&expr, vars)?;
    if let Some(name) = target {
        vars.insert(name, value);
    }
    Ok(Some(value))
}

fn main() {
    let mut vars = HashMap::new();
    for (n, line) in io::stdin().lock().lines().enumerate() {
        let line = line.unwrap();
        match run_line(&line, &mut vars) {
            Ok(Some(v)) => println!("{}", v),
            Ok(None) => {}
            Err(e) => println!("line {}: error: {}", n + 1, e),
        }
    }
}
