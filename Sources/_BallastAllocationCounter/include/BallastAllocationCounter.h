#ifndef BALLAST_ALLOCATION_COUNTER_H
#define BALLAST_ALLOCATION_COUNTER_H

#include <stdint.h>

/// Heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign) made by the
/// process since it started, when this library was preloaded (`LD_PRELOAD`); see AllocationCounter.c.
uint64_t ballast_allocations(void);

/// Calls to free with a non-null pointer since the process started.
uint64_t ballast_frees(void);

#endif
