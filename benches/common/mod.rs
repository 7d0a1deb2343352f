//! Shared by the benches: criterion's clock, switched to the benchmarking thread's CPU time
//! ([`clock`]). `BRIEF_BENCH_CLOCK=wall` switches back.

mod clock;

use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput};

/// Whether `BRIEF_BENCH_CLOCK=wall` asks for wall time.
fn wall() -> bool {
    std::env::var("BRIEF_BENCH_CLOCK").is_ok_and(|v| v == "wall")
}

/// The criterion configuration every bench uses: CPU time unless `BRIEF_BENCH_CLOCK=wall`.
pub fn criterion() -> Criterion<CpuTime> {
    Criterion::default().with_measurement(CpuTime { wall: wall() })
}

pub struct CpuTime {
    wall: bool,
}

impl CpuTime {
    fn now(&self) -> Duration {
        clock::now(self.wall)
    }
}

/// The clock [`criterion`] measures with, for `iter_custom`.
#[allow(dead_code)] // not every bench times by hand
pub fn now() -> Duration {
    clock::now(wall())
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
