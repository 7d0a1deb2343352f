//! Giving memory back to the system once a library has loaded.
//!
//! Parsing a briefing allocates far more than the document it leaves (the YAML parser's events,
//! the source map, the raw tree), all freed again before the next file. glibc keeps what was
//! freed in its arenas, one per loader thread, so after a big library loads the process stays at
//! its high-water mark: `malloc_trim` hands the free pages back. It is called once, when the
//! last pending file has been taken in; it costs a walk of the free lists, not of the data.

/// Returns the allocator's free memory to the system (glibc on Linux; elsewhere nothing).
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks and releases the allocator's own free lists; it takes no
    // pointer and is safe to call at any time from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// From this many bytes of text on, what was built of it is worth dropping on a thread of its
/// own (a 22 MB briefing's model takes some 13 ms to free, its allocations one by one).
pub const DROP_ASIDE: usize = crate::briefing::load::PARSE_APART;

/// Drops `value` on a thread of its own, so the caller goes on (`brief check` to the next file,
/// or to its exit, where the system frees the rest at once): what a big briefing's model takes
/// to free is not on the way. A thread that cannot start drops it here, with the closure.
pub fn drop_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("brief-drop".into())
        .spawn(move || drop(value));
}
