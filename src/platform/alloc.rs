//! The module's allocator: talc, with WebAssembly memory grown geometrically.
//!
//! Both choices are about cost that grows with the input. lol_alloc's free
//! list (the allocator before) costs O(length of the free list) per
//! allocation and free; an evaluation of many `groupBy` instances leaves
//! many small holes between what the report keeps, so its cost grew with
//! the square of the instances (1,000 in 1.2 s, 2,000 in 5.5 s). talc keeps
//! its free chunks in size bins, O(1) per call, for ~0.6 KB gzipped more.
//!
//! talc's own WebAssembly source grows the memory by just what one
//! allocation lacks, usually one 64 KiB page: a 2 GB report took ~30,000
//! `memory.grow`s, and the engine in Node spent most of its time in them and
//! in the garbage collections they set off. Here the memory grows by half
//! its size, up to 64 MiB a step (by just what is needed when that fails),
//! so a report of any size takes at most a few dozen steps.

use core::alloc::Layout;
use core::arch::wasm32::{memory_grow, memory_size};
use core::ptr::NonNull;

use talc::base::binning::Binning;
use talc::base::Talc;
use talc::cell::TalcSyncCell;
use talc::source::Source;
use talc::wasm::WasmBinning;

// The module is single-threaded: no threads are spawned and it is built
// without the atomics feature (`new_wasm` checks that at compile time).
#[global_allocator]
static ALLOCATOR: TalcSyncCell<GrowGeometrically, WasmBinning> =
    TalcSyncCell::new_wasm(GrowGeometrically { end: None });

/// WebAssembly's page.
const PAGE: usize = 64 * 1024;
/// The most pages grown at once beyond what is needed (64 MiB): the
/// memory's last step overshoots the need by at most this much, and a
/// memory of 4 GiB is still reached in under a hundred steps.
const MAX_STEP: usize = 1024;

/// A talc source that grows the memory by at least half of its size and
/// extends the heap over the new pages (talc's `WasmGrowAndExtend`, but
/// geometric).
#[derive(Debug)]
struct GrowGeometrically {
    /// The end of the heap, once there is one.
    end: Option<NonNull<u8>>,
}

// SAFETY: `acquire` neither allocates nor touches the global allocator; it
// only grows the memory and hands the new pages to `talc`.
unsafe impl Source for GrowGeometrically {
    fn acquire<B: Binning>(talc: &mut Talc<Self, B>, layout: Layout) -> Result<(), ()> {
        // Room for the allocation whatever its alignment, with talc's
        // bookkeeping (a few chunk units) on top.
        let needed = (layout.size() + layout.align() + 4 * talc::base::CHUNK_UNIT).div_ceil(PAGE);
        let wanted = needed.max((memory_size::<0>() / 2).min(MAX_STEP));
        let (base, pages) = match memory_grow::<0>(wanted) {
            usize::MAX if wanted > needed => match memory_grow::<0>(needed) {
                usize::MAX => return Err(()),
                base => (base, needed),
            },
            usize::MAX => return Err(()),
            base => (base, wanted),
        };
        // At most 4 GiB: the last byte's successor saturates, as in talc.
        let size = pages.saturating_mul(PAGE);
        let start = (base * PAGE) as *mut u8;
        let end = (base * PAGE).saturating_add(size) as *mut u8;
        // SAFETY: the pages were just added to the memory; nothing else
        // uses them.
        talc.source.end = unsafe {
            match talc.source.end.take() {
                Some(old_end) if old_end.as_ptr() == start => Some(talc.extend(old_end, end)),
                _ => talc.claim(start, size),
            }
        };
        Ok(())
    }
}
