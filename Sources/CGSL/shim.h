#ifndef DISTILLBENCH_CGSL_SHIM_H
#define DISTILLBENCH_CGSL_SHIM_H

#include <stdint.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_sf_gamma.h>

// MARK: - xoshiro256++ as a GSL generator
//
// GSL's samplers (gsl_ran_*) draw from a gsl_rng. Its mt19937 takes a 32-bit seed and carries
// 2.5 KB of state, which neither scales to millions of actors nor keeps their streams apart.
// This registers xoshiro256++ (Blackman & Vigna, "Scrambled linear pseudorandom number
// generators", ACM TOMS 2021): 32 bytes of state, a full 64-bit seed expanded by SplitMix64.

typedef struct { uint64_t s[4]; } distillbench_xoshiro_state;

static inline uint64_t distillbench_rotl(const uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t distillbench_splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline uint64_t distillbench_xoshiro_next(distillbench_xoshiro_state *st) {
    uint64_t *s = st->s;
    const uint64_t result = distillbench_rotl(s[0] + s[3], 23) + s[0];
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = distillbench_rotl(s[3], 45);
    return result;
}

static inline void distillbench_xoshiro_set(void *vstate, unsigned long int seed) {
    distillbench_xoshiro_state *st = (distillbench_xoshiro_state *)vstate;
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++) st->s[i] = distillbench_splitmix64(&x);
}

static inline unsigned long int distillbench_xoshiro_get(void *vstate) {
    return (unsigned long int)distillbench_xoshiro_next((distillbench_xoshiro_state *)vstate);
}

static inline double distillbench_xoshiro_get_double(void *vstate) {
    // 53 high bits → [0, 1); GSL's samplers that need (0, 1) call gsl_rng_uniform_pos.
    return (double)(distillbench_xoshiro_next((distillbench_xoshiro_state *)vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type distillbench_xoshiro_type = {
    "xoshiro256++",
    ~0UL,
    0,
    sizeof(distillbench_xoshiro_state),
    &distillbench_xoshiro_set,
    &distillbench_xoshiro_get,
    &distillbench_xoshiro_get_double
};

/// The registered xoshiro256++ generator type (Swift cannot name the C global directly).
static inline const gsl_rng_type *distillbench_rng_type(void) { return &distillbench_xoshiro_type; }

/// Fast path: the next raw 64-bit word of a generator of our type, bypassing the function pointer.
static inline uint64_t distillbench_rng_next(gsl_rng *r) {
    return distillbench_xoshiro_next((distillbench_xoshiro_state *)r->state);
}

/// Fast path: a uniform double in [0, 1).
static inline double distillbench_rng_uniform(gsl_rng *r) {
    return (double)(distillbench_rng_next(r) >> 11) * 0x1.0p-53;
}

/// Turns GSL's abort-on-error handler off once; callers check return codes instead.
static inline void distillbench_gsl_quiet(void) { gsl_set_error_handler_off(); }

#endif
