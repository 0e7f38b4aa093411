// `concat()`, `join(sep)` and `repeat(n)` exist on no core or kernel type:
// reported on any receiver. A thread's `join()` takes no argument.
fn f(s: &String) {
    let parts = load();
    let all = parts.concat();
    let line = parts.join(", ");
    let bar = s.repeat(3);
    let pad = load().repeat(2);
    let done = handle().join();
}
