#include "allocator.h"

#include <stdlib.h> // defines __GLIBC__ under glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void mupj_keep_freed_memory(void) {
#if defined(__GLIBC__)
    // By default a block of 128 KiB or more gets pages of its own, and they are returned when it
    // is freed, as is the heap's top past 128 KiB: a report is written in pieces of that size or
    // more, so each piece was written into pages the kernel had to fault in anew.
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
}
