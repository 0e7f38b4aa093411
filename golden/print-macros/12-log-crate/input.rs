use log::{debug, error, info, trace, warn};

fn main() {
    info!("starting {}", 1);
    warn!("low memory");
    error!("failed: {}", 2);
    debug!("state = {:?}", 3);
    trace!("tick");
}
