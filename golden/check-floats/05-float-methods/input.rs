fn side(area: u32, v: Vec2) -> u32 {
    let s = v.len.sqrt();
    let r = v.angle.sin().abs().floor();
    area + s as u32 + r as u32
}
