//! The clock the benches and `examples/probe.rs` measure with: the CPU time of this thread.
//!
//! On a quiet machine CPU time and wall time agree for single-threaded work; on a shared one
//! (CI runners, the two-core box BENCHMARKS.md was measured on) wall time mostly measures the
//! other users, while CPU time still measures the code. Each user picks wall time with its own
//! switch (`BRIEF_BENCH_CLOCK=wall`, `PROBE_CLOCK=wall`).
//!
//! The probe takes this file in with `#[path]`: an example cannot import from the benches, and
//! the library need not carry an `unsafe` call that only measuring makes.

use std::time::{Duration, Instant};

/// The CPU time of this thread; with `wall`, or where there is no thread clock, the wall time
/// since the first call. Only differences between two readings mean anything.
pub fn now(wall: bool) -> Duration {
    static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    if !wall {
        if let Some(t) = thread_cpu_time() {
            return t;
        }
    }
    EPOCH.get_or_init(Instant::now).elapsed()
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn thread_cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec (two 64-bit fields on 64-bit Linux) to `ts`.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    ok.then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn thread_cpu_time() -> Option<Duration> {
    None
}
