//! Shared by the benches: criterion's clock, switched to the benchmarking thread's CPU time.
//!
//! On a quiet machine CPU time and wall time agree for single-threaded work; on a shared one
//! (CI runners, the two-core box BENCHMARKS.md was measured on) wall time mostly measures the
//! other users, while CPU time still measures the code. `BRIEF_BENCH_CLOCK=wall` switches back.

use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput};

/// The criterion configuration every bench uses: CPU time unless `BRIEF_BENCH_CLOCK=wall`.
pub fn criterion() -> Criterion<CpuTime> {
    Criterion::default().with_measurement(CpuTime {
        wall: std::env::var("BRIEF_BENCH_CLOCK").is_ok_and(|v| v == "wall"),
        epoch: Instant::now(),
    })
}

pub struct CpuTime {
    wall: bool,
    epoch: Instant,
}

impl CpuTime {
    fn now(&self) -> Duration {
        if !self.wall {
            if let Some(t) = thread_cpu_time() {
                return t;
            }
        }
        self.epoch.elapsed()
    }
}

/// The clock [`criterion`] measures with, for `iter_custom`.
#[allow(dead_code)] // not every bench times by hand
pub fn now() -> Duration {
    static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    let wall = std::env::var("BRIEF_BENCH_CLOCK").is_ok_and(|v| v == "wall");
    match thread_cpu_time() {
        Some(t) if !wall => t,
        _ => EPOCH.get_or_init(Instant::now).elapsed(),
    }
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

impl Measurement for CpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        self.now()
    }

    fn end(&self, start: Duration) -> Duration {
        self.now().saturating_sub(start)
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        // The values are nanoseconds either way, so wall time's formatter reads them right.
        WallTime.formatter()
    }
}

/// Bytes per iteration, for throughput.
#[allow(dead_code)] // not every bench reports throughput
pub fn bytes(text: &str) -> Throughput {
    Throughput::Bytes(text.len() as u64)
}
