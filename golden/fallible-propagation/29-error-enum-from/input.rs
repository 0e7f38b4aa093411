// A variant that holds the kernel error keeps it as it is.
#[derive(Debug)]
pub enum StoreError {
    Full,
    Kernel(kernel::error::Error),
}

pub fn store(v: &mut KVec<u32>, x: u32) -> Result<usize, StoreError> {
    if v.len() > 100 {
        return Err(StoreError::Full);
    }
    v.push(x, GFP_KERNEL)?;
    Ok(v.len())
}

pub fn store_all(v: &mut KVec<u32>, xs: &[u32]) -> Result<(), StoreError> {
    for &x in xs {
        remember(v, x);
    }
    Ok(())
}

fn remember(v: &mut KVec<u32>, x: u32) {
    v.push(x, GFP_KERNEL)?;
}

// No variant means "out of memory" and nothing names every variant: kport adds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParseError {
    /// The input was empty.
    Empty,
    /// A byte that is not a digit.
    BadDigit(u8),
}

impl ParseError {
    fn code(&self) -> i32 {
        match self {
            ParseError::Empty => 1,
            _ => 2,
        }
    }
}

pub fn digits(s: &[u8]) -> Result<KVec<u32>, ParseError> {
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    if let Some(&b) = s.iter().find(|b| !b.is_ascii_digit()) {
        return Err(ParseError::BadDigit(b));
    }
    let out = s.iter().map(|b| (b - b'0') as u32).try_collect(GFP_KERNEL)?;
    Ok(out)
}

// One line, no trailing comma.
#[derive(Debug)]
enum Short { Missing, Twice }

fn short(v: &mut KVec<u8>, x: u8) -> Result<(), Short> {
    if v.contains(&x) { return Err(Short::Twice); }
    v.push(x, GFP_KERNEL)?;
    Ok(())
}

// Its `Display` names every variant, each arm only writing text: the new variant gets an arm too.
#[derive(Debug)]
pub enum ConfigError {
    Missing(u32),
    Invalid,
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Missing(k) => write!(f, "missing key {}", k),
            Self::Invalid => f.write_str("invalid"),
        }
    }
}

pub fn config(v: &mut KVec<u32>, k: u32) -> Result<u32, ConfigError> {
    if k == 0 {
        return Err(ConfigError::Invalid);
    }
    v.push(k, GFP_KERNEL)?;
    Ok(k)
}
