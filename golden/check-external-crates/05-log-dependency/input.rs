use log::info;

fn main() {
    info!("up");
}
