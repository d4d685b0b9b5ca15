// A malloc interposer that counts heap allocations, for `ballast bench --allocations`.
//
// Built as a shared library (the product `BallastAllocationCounter`) that nothing links: `ballast bench
// --allocations` starts itself again with LD_PRELOAD naming it, so its malloc family takes the place of
// glibc's in that child only, and reads the counters through `ballast_allocations`. Normal runs, tests and
// sanitizer builds never load it.
//
// The wrappers forward to glibc's own entry points (`__libc_malloc` and friends) rather than looking the
// next definition up with dlsym(RTLD_NEXT): dlsym can itself call calloc, which would recurse into a
// wrapper whose forward pointer is not set yet. Counters are relaxed atomics: only their totals matter,
// not their order against other memory.

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "BallastAllocationCounter.h"

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);
extern void *__libc_memalign(size_t alignment, size_t size);

static uint64_t allocations;
static uint64_t frees;

static inline void counted(uint64_t *counter) { __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED); }

uint64_t ballast_allocations(void) { return __atomic_load_n(&allocations, __ATOMIC_RELAXED); }

uint64_t ballast_frees(void) { return __atomic_load_n(&frees, __ATOMIC_RELAXED); }

void *malloc(size_t size) {
    counted(&allocations);
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    counted(&allocations);
    return __libc_calloc(count, size);
}

// Every realloc counts as an allocation: it may move the block, and it is heap traffic either way.
void *realloc(void *pointer, size_t size) {
    counted(&allocations);
    return __libc_realloc(pointer, size);
}

void free(void *pointer) {
    if (pointer != NULL) counted(&frees);
    __libc_free(pointer);
}

void *memalign(size_t alignment, size_t size) {
    counted(&allocations);
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    counted(&allocations);
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size) {
    // POSIX: the alignment must be a power of two and a multiple of sizeof(void *).
    if (alignment == 0 || (alignment & (alignment - 1)) != 0 || alignment % sizeof(void *) != 0) return EINVAL;
    counted(&allocations);
    void *p = __libc_memalign(alignment, size);
    if (p == NULL) return ENOMEM;
    *out = p;
    return 0;
}
