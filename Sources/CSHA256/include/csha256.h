#ifndef MUPJ_CSHA256_H
#define MUPJ_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor has the x86 SHA extensions (and the SSSE3 and SSE4.1 they are used
/// with). Checked with CPUID; always 0 on other architectures.
int mupj_sha256_hardware_available(void);

/// The 64 round constants K of FIPS 180-4 (section 4.2.2), for both ways of compressing blocks.
const uint32_t *mupj_sha256_round_constants(void);

/// Runs the SHA-256 compression function (FIPS 180-4, section 6.2.2) over `count` 64-byte blocks
/// at `blocks`, updating the eight working words in `state` (a, b, ... h, in that order). Only
/// call it when `mupj_sha256_hardware_available()` returned 1.
void mupj_sha256_hardware_compress(uint32_t state[8], const uint8_t *blocks, size_t count);

#endif
