#ifndef MUPJ_CALLOCATOR_H
#define MUPJ_CALLOCATOR_H

/// Tells glibc's allocator to keep the memory a run frees for the run's next allocations: blocks
/// under 4 MiB come from the heap rather than from pages mapped for each one, and up to 8 MiB
/// freed at the heap's top stays mapped. Does nothing with another C library.
void mupj_keep_freed_memory(void);

#endif
