fn main() {
    let args: Vec<_> = std::env::args().collect();
    let cfg = std::fs::read_to_string("/etc/x").unwrap();
    let s = std::net::TcpStream::connect("127.0.0.1:1");
    let name: std::string::String = std::string::String::new();
    let r = std::rc::Rc::new(1);
    std::thread::spawn(|| {});
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    std::process::exit(0);
}
