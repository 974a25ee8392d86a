//! Tree-sitter's C allocations through mimalloc: parsing allocates and frees many small stack and
//! tree nodes, and with mimalloc a scan of the benchmark tree takes about 8% less time at the same
//! peak memory. The `aidisclose` binary also makes mimalloc Rust's global allocator, which takes
//! another 8% off the benchmark tree and 5% off Django's source, for 4-6 MB more peak memory.
//! mimalloc is built without transparent huge pages (the `no_thp` feature): with them it asks for
//! 2 MiB pages, and peak memory on the benchmark tree rose from 145 to 195 MB. Tree-sitter
//! requires an allocator that never returns null, so running out of memory aborts, as it does
//! with its own default.

use libmimalloc_sys::{mi_calloc, mi_free, mi_malloc, mi_realloc};
use std::ffi::c_void;

/// Makes tree-sitter allocate through mimalloc.
///
/// # Safety
/// Call it once, before any tree-sitter object (parser, tree, query, cursor) exists: an object
/// allocated by one allocator must not be freed by the other.
pub unsafe fn install() {
    // SAFETY: the caller guarantees no tree-sitter object exists yet; the four functions are
    // mimalloc's, whose blocks have malloc's alignment, and never return null.
    unsafe {
        tree_sitter::set_allocator(Some(tree_sitter::Allocator {
            malloc,
            calloc,
            realloc,
            free: mi_free,
        }))
    };
}

fn non_null(block: *mut c_void, size: usize) -> *mut c_void {
    if block.is_null() {
        // Reports the failed allocation and aborts, as Rust does for its own.
        let layout = std::alloc::Layout::from_size_align(size.max(1), 16)
            .unwrap_or(std::alloc::Layout::new::<u128>());
        std::alloc::handle_alloc_error(layout);
    }
    block
}

unsafe extern "C" fn malloc(size: usize) -> *mut c_void {
    non_null(unsafe { mi_malloc(size) }, size)
}

unsafe extern "C" fn calloc(count: usize, size: usize) -> *mut c_void {
    non_null(
        unsafe { mi_calloc(count, size) },
        count.saturating_mul(size),
    )
}

unsafe extern "C" fn realloc(block: *mut c_void, size: usize) -> *mut c_void {
    non_null(unsafe { mi_realloc(block, size) }, size)
}

#[cfg(test)]
mod tests {
    use super::calloc;
    use libmimalloc_sys::mi_free;

    /// Zeroed blocks are zero, also where mimalloc hands out again a block that was freed full
    /// of other bytes.
    #[test]
    fn zeroed_blocks_are_zero() {
        for bytes in [2, 100, 64 << 10, 6 << 20] {
            for _ in 0..3 {
                // SAFETY: the blocks come from and go back to mimalloc, and are read and written
                // within the size asked for.
                unsafe {
                    let block = calloc(bytes / 2, 2).cast::<u8>();
                    let zeroed = std::slice::from_raw_parts(block, bytes);
                    assert!(zeroed.iter().all(|&b| b == 0), "{bytes} bytes");
                    std::ptr::write_bytes(block, 0xA5, bytes);
                    mi_free(block.cast());
                }
            }
        }
    }
}
